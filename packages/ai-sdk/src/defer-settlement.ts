/**
 * Keeps a serverless function alive until a promise settles: Vercel's `waitUntil` (from
 * `@vercel/functions`), Next.js's `after`, or Cloudflare's `ctx.waitUntil` (bound to `ctx`, or
 * `waitUntil` from `cloudflare:workers`).
 */
export type WaitUntil = (promise: Promise<unknown>) => void;

/**
 * Runs a settlement now. Without `waitUntil` the caller waits for it (and sees its error) and
 * gets its value (the record); with it, the promise is handed to `waitUntil` and the caller
 * goes on at once with `undefined` — the response does not wait for the store write. A
 * settlement that fails there cannot reach the caller: it is logged (store outages also arrive
 * as the ledger's `store-error` events).
 */
export function deferSettlement<Settled>(
  waitUntil: WaitUntil | undefined,
  settle: () => Promise<Settled>,
): Promise<Settled | undefined> {
  if (waitUntil === undefined) return settle();
  const settled = settle().then(ignore, (error: unknown) => {
    console.error("[tokenledger] settling a call after the response failed:", error);
  });
  waitUntil(settled);
  return Promise.resolve(undefined);
}

function ignore(): void {}
