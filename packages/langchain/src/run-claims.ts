import type { Ledger, UsageRecord } from "@tokenledger/core";

/**
 * Who books a model run in a ledger. When two handlers on the same ledger see the same run
 * (nested scopes, or a scope plus a handler passed in `callbacks`), the first one to see it
 * start reserves and settles; the others wait for its record and only count it.
 */
export interface RunClaim {
  readonly owner: object;
  /** Resolves with the run's record, or `undefined` when it was released or refused. */
  readonly booked: Promise<UsageRecord | undefined>;
}

interface OpenClaim extends RunClaim {
  resolve(record: UsageRecord | undefined): void;
}

const claimsByLedger = new WeakMap<Ledger, Map<string, OpenClaim>>();

/** Claims `runId` in `ledger` for `owner`, or returns the claim another handler already holds. */
export function claimRun(ledger: Ledger, runId: string, owner: object): RunClaim {
  let claims = claimsByLedger.get(ledger);
  if (!claims) {
    claims = new Map();
    claimsByLedger.set(ledger, claims);
  }
  const existing = claims.get(runId);
  if (existing) return existing;
  let resolve: (record: UsageRecord | undefined) => void = () => {};
  const booked = new Promise<UsageRecord | undefined>((done) => {
    resolve = done;
  });
  const claim: OpenClaim = { owner, booked, resolve };
  claims.set(runId, claim);
  return claim;
}

/** Publishes the owner's outcome to the handlers waiting on it and forgets the claim. */
export function closeClaim(
  ledger: Ledger,
  runId: string,
  claim: RunClaim,
  record: UsageRecord | undefined,
): void {
  const claims = claimsByLedger.get(ledger);
  const open = claims?.get(runId);
  if (open !== claim) return;
  claims?.delete(runId);
  open.resolve(record);
}
