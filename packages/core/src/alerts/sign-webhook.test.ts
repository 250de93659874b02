import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./sign-webhook.js";

describe("signWebhook / verifyWebhook", () => {
  it("signs timestamp.body with HMAC-SHA256, as any HMAC library computes it", async () => {
    const body = '{"kind":"threshold"}';
    const expected = createHmac("sha256", "s3cret").update(`1764806400.${body}`).digest("hex");
    expect(await signWebhook("s3cret", "1764806400", body)).toBe(`v1=${expected}`);
  });

  it("refuses a changed body, a wrong secret and an old timestamp", async () => {
    const body = '{"kind":"threshold"}';
    const timestamp = "1764806400";
    const signature = await signWebhook("s3cret", timestamp, body);
    const nowMs = 1764806400_000 + 60_000;
    const check = (changes: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      verifyWebhook({ secret: "s3cret", timestamp, body, signature, nowMs, ...changes });
    expect(await check({})).toBe(true);
    expect(await check({ body: '{"kind":"dropped"}' })).toBe(false);
    expect(await check({ secret: "other" })).toBe(false);
    expect(await check({ nowMs: 1764806400_000 + 600_000 })).toBe(false);
    expect(await check({ signature: "v1=zz" })).toBe(false);
  });
});
