import { afterEach, describe, expect, it } from "vitest";
import { loopbackReceiver } from "./__fixtures__/loopback-receiver.js";
import type { Alert } from "./alert.js";
import { createAlertDelivery } from "./alert-delivery.js";
import { slackMessage, slackSink } from "./slack-sink.js";

const alert: Alert = {
  kind: "user-over-limit",
  idempotencyKey: "user-over-limit:userId=u1:2026-11:50000000",
  time: "2026-11-22T12:00:00.000Z",
  summary: "userId u1 spent $0.06 in 2026-11, over $0.05",
  details: { userId: "u1", month: "2026-11", spentUsd: 0.055, limitUsd: 0.05 },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

describe("slackSink", () => {
  it("formats an alert as an incoming-webhook message", () => {
    expect(slackMessage(alert)).toEqual({
      text: ":moneybag: tokenledger: userId u1 spent $0.06 in 2026-11, over $0.05",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: ":moneybag: tokenledger: userId u1 spent $0.06 in 2026-11, over $0.05",
          },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*userId*: u1\n*month*: 2026-11\n*spentUsd*: 0.055\n*limitUsd*: 0.05",
          },
        },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "user-over-limit · 2026-11-22T12:00:00.000Z" }],
        },
      ],
    });
  });

  it("posts it, retrying a 5xx", async () => {
    const receiver = await loopbackReceiver(({ index }) => ({ status: index === 0 ? 500 : 200 }));
    close = receiver.close;
    const delivery = createAlertDelivery({
      sinks: [slackSink({ webhookUrl: receiver.url })],
      sleep: async () => undefined,
    });
    delivery.enqueue(alert);
    expect(await delivery.flush(5_000)).toBe(true);
    expect(receiver.requests).toHaveLength(2);
    expect(JSON.parse(receiver.requests[1]?.body ?? "{}")).toEqual(slackMessage(alert));
  });
});
