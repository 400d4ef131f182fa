import type { IncomingMessage } from "node:http";

import { describe, expect, it } from "vitest";

import { clientAddress } from "../src/client-address";

/** The two things clientAddress reads from an incoming request: its socket's peer and its headers. */
function incoming(peer: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } } as IncomingMessage;
}

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever the headers claim", () => {
    expect(clientAddress(incoming("203.0.113.7", "198.51.100.1"), 0)).toBe("203.0.113.7");
  });

  it("is the address the trusted proxy saw, not the ones the client wrote in front of it", () => {
    expect(clientAddress(incoming("172.18.0.5", "198.51.100.1"), 1)).toBe("198.51.100.1");
    expect(clientAddress(incoming("172.18.0.5", "10.9.9.9, 1.2.3.4, 198.51.100.1"), 1)).toBe("198.51.100.1");
    expect(clientAddress(incoming("172.18.0.5", "10.9.9.9, 198.51.100.1, 172.18.0.9"), 2)).toBe("198.51.100.1");
  });

  it("falls back to the peer when the proxy sent no header", () => {
    expect(clientAddress(incoming("172.18.0.5"), 1)).toBe("172.18.0.5");
  });
});
