import { describe, expect, it } from "vitest";

import { contentDisposition } from "../src";

describe("contentDisposition", () => {
  it("says inline or attachment, with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("photo.png", true)).toBe(`inline; filename="photo.png"; filename*=UTF-8''photo.png`);
    expect(contentDisposition("résumé (final) 'v2'.pdf", false)).toBe(
      `attachment; filename="r_sum_ (final) 'v2'.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29%20%27v2%27.pdf`,
    );
  });

  it("keeps quotes, backslashes and line breaks out of the header", () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=1.txt', false);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="a_b_c__Set-Cookie: x=1.txt"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1.txt`);
  });
});
