import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Alert, AlertSink } from "./alert.js";
import { createAlertDelivery } from "./alert-delivery.js";

const alert = (key: string): Alert => ({
  kind: "threshold",
  idempotencyKey: key,
  time: "2026-11-22T12:00:00.000Z",
  summary: key,
  details: {},
});

describe("createAlertDelivery", () => {
  it("bounds the queue, counts what it drops, and skips keys already queued", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const delivered: string[] = [];
    const slow: AlertSink = {
      name: "slow",
      send: async (sent) => {
        await gate;
        delivered.push(sent.idempotencyKey);
      },
    };
    const delivery = createAlertDelivery({ sinks: [slow], maxQueue: 2 });
    // All in one synchronous run, as ledger listeners would: the loop has not started yet.
    expect(["a", "b", "c", "a", "d"].map((key) => delivery.enqueue(alert(key)))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(delivery.stats()).toMatchObject({ queued: 2, dropped: 2, deduplicated: 1 });
    expect(await delivery.flush(50)).toBe(false); // still blocked: the flush gives up in time
    release();
    expect(await delivery.flush()).toBe(true);
    expect(delivered).toEqual(["a", "b"]);
    expect(delivery.stats()).toMatchObject({ delivered: 2, failed: 0 });
  });

  it("backs off exponentially with jitter, capped, and gives up after maxAttempts", async () => {
    const delays: number[] = [];
    let attempts = 0;
    const failing: AlertSink = {
      name: "down",
      send: async () => {
        attempts += 1;
        throw new Error("connection refused");
      },
    };
    const errors: unknown[] = [];
    const delivery = createAlertDelivery({
      sinks: [failing],
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 },
      sleep: async (ms) => void delays.push(ms),
      random: () => 0, // jitter factor 0.5
      onError: (error) => errors.push(error),
    });
    delivery.enqueue(alert("x"));
    await delivery.flush();
    expect(attempts).toBe(6);
    // 100, 200, 400, 800, 1000 (capped) × 0.5.
    expect(delays).toEqual([50, 100, 200, 400, 500]);
    expect(errors).toHaveLength(1);
    expect(delivery.stats()).toMatchObject({ delivered: 0, failed: 1 });
  });

  it("waits min(max, base × 2^(n−1)) × (0.5 + random/2) before attempt n+1, for any policy", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 999 }),
        async (baseDelayMs, maxDelayMs, maxAttempts, thousandths) => {
          const delays: number[] = [];
          const delivery = createAlertDelivery({
            sinks: [{ name: "down", send: async () => Promise.reject(new Error("down")) }],
            retry: { baseDelayMs, maxDelayMs, maxAttempts },
            sleep: async (ms) => void delays.push(ms),
            random: () => thousandths / 1000,
            onError: () => undefined,
          });
          delivery.enqueue(alert("x"));
          await delivery.flush();
          const factor = 0.5 + thousandths / 2000;
          const expected = Array.from(
            { length: maxAttempts - 1 },
            (_, index) => Math.min(maxDelayMs, baseDelayMs * 2 ** index) * factor,
          );
          expect(delays).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});
