import { randomInt } from "node:crypto";

import { Agent, setGlobalDispatcher } from "undici";

/** A loopback address of its own (127.x.y.z, all routed to this machine). */
function loopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/**
 * Makes every fetch of this test file come from a loopback address of its own. The server keys
 * rate limits by client address, and the test files share one server: this way each file has the
 * whole budget of one client, as a real one would. (Vitest runs each file in its own process, so
 * the setting stays within the file.)
 */
export function useOwnClientAddress(): string {
  const address = loopbackAddress();
  setGlobalDispatcher(new Agent({ localAddress: address }));
  return address;
}

/** `fetch` from yet another address: a second client, for tests of what one client does to another. */
export function fetchFromAnotherAddress(): typeof fetch {
  const dispatcher = new Agent({ localAddress: loopbackAddress() });
  return (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
}
