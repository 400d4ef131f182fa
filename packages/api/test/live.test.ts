import { createRealtime } from "@chat/realtime";
import { describe, expect, it } from "vitest";
import { listen } from "../src/live/listen";
import type { Signal } from "../src/live/signals";


describe("listen", () => {
  it("passes on only the kinds of signal asked for, whichever topic carries them", async () => {
    const { bus } = createRealtime();
    const received: Signal[] = [];
    const stop = await listen(bus, ["channel:1", "server:1"], {
      kinds: new Set(["event", "access"] as const),
      receive: (signal) => received.push(signal),
      resync: () => undefined,
    });
    await bus.publish("server:1", { kind: "presence", userId: "2", status: "online" });
    await bus.publish("channel:1", { kind: "typing", userId: "2", username: "b", expiresAt: null, at: 0 });
    await bus.publish("server:1", { kind: "access" });
    expect(received).toEqual([{ kind: "access" }]);
    stop();
    expect(bus.listenerCount()).toBe(0);
  });
});
