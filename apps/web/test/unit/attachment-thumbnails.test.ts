import { describe, expect, it } from "vitest";

import { thumbnailSources } from "~/features/attachments/attachment";

const url = "/api/attachments/42/photo.jpg";
const placeholder = "data:image/webp;base64,UklGRg==";

describe("thumbnailSources", () => {
  it("offers both thumbnails with the widths they have: at most 400 and 1600 on the longer side", () => {
    expect(thumbnailSources({ url, width: 4000, height: 3000, placeholder })).toEqual({
      src: `${url}?size=400`,
      srcSet: `${url}?size=400 400w, ${url}?size=1600 1600w`,
    });
    // A portrait image: its height is the longer side.
    expect(thumbnailSources({ url, width: 3000, height: 4000, placeholder })).toEqual({
      src: `${url}?size=400`,
      srcSet: `${url}?size=400 300w, ${url}?size=1600 1200w`,
    });
    // Never upscaled: the larger one is the image's own size.
    expect(thumbnailSources({ url, width: 640, height: 480, placeholder })!.srcSet).toBe(`${url}?size=400 400w, ${url}?size=1600 640w`);
  });

  it("gives one thumbnail for an image no larger than 400, and none without a placeholder (not processed)", () => {
    expect(thumbnailSources({ url, width: 300, height: 200, placeholder })).toEqual({ src: `${url}?size=400` });
    expect(thumbnailSources({ url, width: 4000, height: 3000, placeholder: null })).toBeNull();
  });
});
