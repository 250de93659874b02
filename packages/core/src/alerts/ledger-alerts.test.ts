import { afterEach, describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { createLedger } from "../ledger/create-ledger.js";
import { loopbackReceiver } from "./__fixtures__/loopback-receiver.js";
import type { Alert, AlertSink } from "./alert.js";
import { ledgerAlerts } from "./ledger-alerts.js";
import { verifyWebhook } from "./sign-webhook.js";
import { webhookHeaders, webhookSink } from "./webhook-sink.js";

// $0.005 per input token (test price).
const prices = { "acme:flat": { inputMtok: 5_000, outputMtok: 0 } };
const secret = "test-secret";
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function capturingSink(): AlertSink & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { name: "capture", alerts, send: async (alert) => void alerts.push(alert) };
}

describe("ledgerAlerts → signed webhook", () => {
  it("delivers each threshold crossing once (by key) across failures, delays and duplicates", async () => {
    // Request 0 fails, request 1 answers after the client's timeout (so the client retries a
    // delivery the receiver did get: a duplicate), request 3 fails again; the rest succeed.
    const receiver = await loopbackReceiver(({ index }) =>
      index === 0 || index === 3
        ? { status: 503 }
        : index === 1
          ? { status: 200, delayMs: 1_500 }
          : { status: 200 },
    );
    closers.push(receiver.close);
    const ledger = createLedger({
      prices,
      budgets: [
        {
          id: "daily",
          scope: "userId",
          window: "day",
          limit: { usd: 0.1 },
          thresholds: [0.5, 0.8],
        },
      ],
      now: () => Date.parse("2026-11-22T12:00:00Z"),
    });
    const delays: number[] = [];
    const alerts = ledgerAlerts(ledger, {
      sinks: [webhookSink({ url: receiver.url, secret })],
      requestTimeoutMs: 300,
      retry: { baseDelayMs: 100, maxAttempts: 5 },
      sleep: async (ms) => void delays.push(ms),
      random: () => 0.5,
    });
    closers.push(() => alerts.close(5_000));
    const spend = (userId: string, tokens: number) =>
      ledger.record({
        model: "acme:flat",
        usage: { inputTokens: tokens, outputTokens: 0 },
        context: { userId },
      });
    await spend("u1", 10); // $0.05: 50 %
    await spend("u1", 6); // $0.08: 80 %
    await spend("u2", 20); // $0.10: 50 % and 80 % at once
    await spend("u1", 1); // no new crossing
    expect(await alerts.flush(5_000)).toBe(true);

    // Receiver side: verify every signature, process each idempotency key once.
    const processed = new Map<string, Alert>();
    for (const request of receiver.requests) {
      const valid = await verifyWebhook({
        secret,
        body: request.body,
        timestamp: String(request.headers[webhookHeaders.timestamp]),
        signature: String(request.headers[webhookHeaders.signature]),
        nowMs: Date.now(),
      });
      expect(valid).toBe(true);
      const key = String(request.headers[webhookHeaders.idempotencyKey]);
      if (!processed.has(key)) processed.set(key, JSON.parse(request.body) as Alert);
    }
    expect([...processed.keys()].sort()).toEqual([
      "threshold:daily:userId=u1:day:2026-11-22:0.5",
      "threshold:daily:userId=u1:day:2026-11-22:0.8",
      "threshold:daily:userId=u2:day:2026-11-22:0.5",
      "threshold:daily:userId=u2:day:2026-11-22:0.8",
    ]);
    // 4 alerts, 2 failures answered 503, 1 timed out (and arrived anyway): 7 requests.
    expect(receiver.requests).toHaveLength(7);
    expect(alerts.stats()).toMatchObject({ delivered: 4, failed: 0, dropped: 0 });
    expect(processed.get("threshold:daily:userId=u1:day:2026-11-22:0.8")?.details).toMatchObject({
      limit: 0.1,
      spent: 0.08,
    });
    // The first alert was retried twice: backoff 100 then 200, × 0.75 jitter at random = 0.5.
    expect(delays.slice(0, 2)).toEqual([75, 150]);
    expect(delays[2]).toBe(75); // a new alert starts its backoff over
  });

  it("stops retrying on a permanent 4xx and reports it", async () => {
    const receiver = await loopbackReceiver(() => ({ status: 400 }));
    closers.push(receiver.close);
    const ledger = createLedger({
      prices,
      budgets: [
        { id: "all", scope: "global", window: "total", limit: { usd: 1 }, thresholds: [0.01] },
      ],
    });
    const errors: unknown[] = [];
    const alerts = ledgerAlerts(ledger, {
      sinks: [webhookSink({ url: receiver.url, secret })],
      sleep: async () => undefined,
      onError: (error) => errors.push(error),
    });
    await ledger.record({ model: "acme:flat", usage: { inputTokens: 2, outputTokens: 0 } });
    await alerts.close(5_000);
    expect(receiver.requests).toHaveLength(1);
    expect(alerts.stats()).toMatchObject({ delivered: 0, failed: 1 });
    expect(String(errors[0])).toMatch(/answered 400/);
  });
});

describe("ledgerAlerts rules", () => {
  it("alerts once per burst of refusals per rule", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "one-call", scope: "global", window: "day", limit: { requests: 1 } }],
    });
    const sink = capturingSink();
    const alerts = ledgerAlerts(ledger, {
      sinks: [sink],
      deniedBurst: { count: 3, windowMs: 60_000 },
    });
    await ledger.record({ model: "acme:flat", usage: { inputTokens: 1, outputTokens: 0 } });
    for (let index = 0; index < 5; index += 1) {
      const reserve = ledger.reserve({
        model: "acme:flat",
        estimate: { inputTokens: 1, outputTokens: 0 },
      });
      await expect(reserve).rejects.toSatisfy(BudgetExceededError.isInstance);
    }
    await alerts.close();
    expect(sink.alerts.map((alert) => alert.kind)).toEqual(["denied-burst"]);
    expect(sink.alerts[0]?.details).toMatchObject({ ruleId: "one-call", count: 3 });
  });

  it("fires the per-user monthly rule once per user per month", async () => {
    let nowMs = Date.parse("2026-11-02T00:00:00Z");
    const ledger = createLedger({ prices, now: () => nowMs });
    const sink = capturingSink();
    const alerts = ledgerAlerts(ledger, { sinks: [sink], userMonthlyLimitUsd: 0.05 });
    const spend = (userId: string, tokens: number) =>
      ledger.record({
        model: "acme:flat",
        usage: { inputTokens: tokens, outputTokens: 0 },
        context: { userId },
      });
    await spend("u1", 10); // $0.05: not over
    await spend("u1", 1); // $0.055: over
    await spend("u1", 5); // still over: no second alert
    await spend("u2", 4); // $0.02
    nowMs = Date.parse("2026-12-01T00:00:00Z");
    await spend("u1", 11); // $0.055 in December: over again
    await alerts.close();
    expect(sink.alerts.map((alert) => alert.idempotencyKey)).toEqual([
      "user-over-limit:userId=u1:2026-11:50000000",
      "user-over-limit:userId=u1:2026-12:50000000",
    ]);
    expect(sink.alerts[0]?.details).toMatchObject({ spentUsd: 0.055, limitUsd: 0.05 });
  });

  it("rejects options that cannot work, naming the fix", () => {
    const ledger = createLedger({ prices });
    expect(() => ledgerAlerts(ledger, { sinks: [] })).toThrow(/at least one sink/);
    expect(() =>
      ledgerAlerts(ledger, { sinks: [capturingSink()], userMonthlyLimitUsd: -1 }),
    ).toThrow(/positive number of USD/);
    expect(() => webhookSink({ url: "not a url", secret })).toThrow(/http\(s\) URL/);
    expect(() => webhookSink({ url: "https://example.com", secret: "" })).toThrow(
      /non-empty string/,
    );
  });
});
