import { createRealtime } from "@chat/realtime";
import { describe, expect, it } from "vitest";
import { type InboxItem, createInbox } from "../src/live/inbox";
import { listen } from "../src/live/listen";


describe("listen", () => {
  it("passes on only the kinds of signal asked for, whichever topic carries them", async () => {
    const { bus } = createRealtime();
    const abort = new AbortController();
    const inbox = createInbox(abort.signal);
    const stop = await listen(bus, ["channel:1", "server:1"], new Set(["event", "access"] as const), inbox);
    await bus.publish("server:1", { kind: "presence", userId: "2", status: "online" });
    await bus.publish("channel:1", { kind: "typing", userId: "2", username: "b", expiresAt: null, at: 0 });
    await bus.publish("server:1", { kind: "access" });
    const received: InboxItem[] = [];
    for await (const item of inbox) {
      received.push(item);
      abort.abort();
    }
    expect(received).toEqual([{ kind: "access" }]);
    stop();
    expect(bus.listenerCount()).toBe(0);
  });
});
