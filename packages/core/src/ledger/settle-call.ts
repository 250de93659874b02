import { thresholdClaimKey } from "../budget/bucket-key.js";
import type { BucketPlan } from "../budget/bucket-plan.js";
import type { PromptFingerprint } from "../insights/fingerprint-prompt.js";
import { nanoUsdToUsd } from "../money/nano-usd.js";
import { amountOfKind, LIMIT_KINDS, limitOfKind } from "../store/amounts.js";
import type { BucketBalance, SettleCharge } from "../store/store.js";
import type { Usage } from "../usage/usage.js";
import { validateUsage } from "../usage/validate-usage.js";
import { emitCostMismatch, usdToNanoUsd } from "./cost-mismatch.js";
import { isoTime } from "./iso-time.js";
import type { LedgerRuntime, PricedModel } from "./ledger-runtime.js";
import { priceParts } from "./price-parts.js";
import { addRecordToTotals } from "./totals.js";
import type { CallKind, LedgerContext, SettleMeta, Totals, UsageRecord } from "./types.js";

/** Everything needed to turn a call's usage into a record and budget charges. */
export interface SettleInput {
  id: string;
  kind: CallKind;
  requestedModel: string;
  /** The admitted model (may be a fallback); `undefined` when unpriced. */
  priced: PricedModel | undefined;
  provider: string;
  model: string;
  fallbackFrom: string | undefined;
  /** The output cap asked for, when `shrinkToFit` admitted the call with a smaller one. */
  cappedFrom?: number | undefined;
  context: LedgerContext;
  plans: readonly BucketPlan[];
  tracks: readonly Totals[];
  /** The hold's tokens; `inputTokens` is absent when the prompt was never counted (no hold). */
  reserved?: { inputTokens?: number | undefined; outputTokens: number };
  /** Prompt hashes and system-part size, kept on the record for insights. */
  fingerprint?: PromptFingerprint;
  startedAtMs?: number;
  /** Service tier the reserve request named (`SettleMeta.serviceTier` wins). */
  serviceTier?: string;
}

/**
 * Prices the actual usage, charges every bucket (replacing the hold `input.id`), appends the
 * record, fires `threshold` and `usage` events, and adds the record to the active `track`
 * scopes. Store writes that fail are buffered, never lost. Invalid usage rejects before any
 * store write. Not an `async` function: on the per-call path it costs one store promise.
 */
export function settleCall(
  runtime: LedgerRuntime,
  input: SettleInput,
  rawUsage: Usage,
  meta: SettleMeta = {},
): Promise<UsageRecord> {
  const nowMs = runtime.now();
  let record: UsageRecord;
  try {
    record = buildRecord(
      runtime,
      input,
      validateUsage(rawUsage, { source: "reservation.settle" }),
      meta,
      nowMs,
    );
  } catch (error) {
    return Promise.reject(error);
  }
  const finish = (): UsageRecord => {
    for (const totals of input.tracks) addRecordToTotals(totals, record);
    if (record.priceMatch === "family") {
      runtime.emitter.emit("approximate-price", {
        model: record.responseModel ?? record.requestedModel,
        provider: record.provider,
        priceEntry: record.priceEntry ?? record.model,
        context: record.context,
      });
    }
    emitCostMismatch(runtime, record);
    runtime.emitter.emit("usage", { record });
    return record;
  };
  const append = (): Promise<void> =>
    runtime.guard.write("append", record.id, () => runtime.store.append([record]));
  if (input.plans.length === 0) return append().then(finish);
  const amount = {
    nanoUsd: record.costNanoUsd,
    tokens: record.usage.inputTokens + record.usage.outputTokens,
    requests: 1,
  };
  const charges: SettleCharge[] = input.plans.map((plan) => ({
    key: plan.key,
    amount,
    expiresAtMs: plan.expiresAtMs,
    ...(plan.rollingWindowMs === undefined ? {} : { rollingWindowMs: plan.rollingWindowMs }),
  }));
  // The charge and the record are independent writes: side by side, so a slow store costs the
  // caller one storeTimeoutMs, not two.
  const charge = runtime.guard.write("settle", input.id, async () => {
    const result = await runtime.store.settle({ id: input.id, charges, nowMs });
    if (result.applied) await fireThresholds(runtime, input.plans, result.balances, nowMs);
  });
  return Promise.all([charge, append()]).then(finish);
}

/** The usage record of a settled call: priced at `nowMs` (by the model the provider answered with, when known). */
function buildRecord(
  runtime: LedgerRuntime,
  input: SettleInput,
  callUsage: Usage,
  meta: SettleMeta,
  nowMs: number,
): UsageRecord {
  const responded =
    meta.responseModel === undefined
      ? undefined
      : runtime.resolveModel(meta.responseModel, input.provider);
  const priced = responded ?? input.priced;
  const serviceTier = meta.serviceTier ?? input.serviceTier;
  const multiPart =
    meta.parts !== undefined && meta.parts.length > 0
      ? priceParts(
          runtime,
          meta.parts,
          { priced, provider: input.provider, model: input.model, serviceTier },
          nowMs,
        )
      : undefined;
  const usage = multiPart?.usage ?? callUsage;
  const cost = multiPart
    ? multiPart.cost
    : priced
      ? runtime.price(priced, usage, nowMs, serviceTier)
      : null;
  const costNanoUsd = multiPart?.costNanoUsd ?? cost?.totalNanoUsd ?? 0;
  const record: UsageRecord = {
    id: input.id,
    time: isoTime(nowMs),
    kind: input.kind,
    provider: priced?.provider ?? input.provider,
    requestedModel: input.fallbackFrom ?? input.requestedModel,
    model: priced?.model ?? input.model,
    usage,
    cost,
    costNanoUsd,
    priced: cost !== null,
    estimated: meta.estimated ?? false,
    status: meta.status ?? "ok",
    context: input.context,
  };
  if (meta.responseModel !== undefined) record.responseModel = meta.responseModel;
  if (cost && priced) {
    record.priceSource = cost.priceSource;
    record.priceMatch = priced.priceMatch;
    record.priceEntry = priced.priceEntry;
    record.priceSnapshot = priced.priceSnapshot;
  }
  if (input.fallbackFrom !== undefined) record.fallbackFrom = input.fallbackFrom;
  if (input.cappedFrom !== undefined) record.outputCappedFrom = input.cappedFrom;
  if (input.reserved) {
    if (input.reserved.inputTokens !== undefined) {
      record.reservedInputTokens = input.reserved.inputTokens;
    }
    record.reservedOutputTokens = input.reserved.outputTokens;
  }
  const latencyMs =
    meta.latencyMs ?? (input.startedAtMs === undefined ? undefined : nowMs - input.startedAtMs);
  if (latencyMs !== undefined) record.latencyMs = latencyMs;
  const fingerprint = input.fingerprint;
  if (fingerprint !== undefined) {
    if (fingerprint.promptHash !== undefined) record.promptHash = fingerprint.promptHash;
    if (fingerprint.systemHash !== undefined) record.systemHash = fingerprint.systemHash;
    if (fingerprint.systemTokens !== undefined) record.systemTokens = fingerprint.systemTokens;
  }
  if (meta.providerReportedCostUsd !== undefined) {
    record.providerReportedCostUsd = meta.providerReportedCostUsd;
    const reported = usdToNanoUsd(meta.providerReportedCostUsd);
    if (reported !== undefined) record.reportedCostNanoUsd = reported;
  }
  if (meta.metadata !== undefined) record.metadata = meta.metadata;
  if (multiPart) record.parts = multiPart.parts;
  return record;
}

/** Emits each crossed threshold once per window (claimed in the store, so once across processes). */
async function fireThresholds(
  runtime: LedgerRuntime,
  plans: readonly BucketPlan[],
  balances: readonly BucketBalance[],
  nowMs: number,
): Promise<void> {
  for (const plan of plans) {
    if (plan.thresholds.length === 0) continue;
    const balance = balances.find((candidate) => candidate.key === plan.key);
    if (!balance) continue;
    for (const limitKind of LIMIT_KINDS) {
      const limit = limitOfKind(plan.limits, limitKind);
      if (limit === undefined) continue;
      const spent = amountOfKind(balance.spent, limitKind);
      for (const threshold of plan.thresholds) {
        if (spent < threshold * limit) break;
        const claimKey = thresholdClaimKey(plan, limitKind, threshold);
        const claimedUntil = runtime.claimedThresholds.get(claimKey);
        if (claimedUntil === null || (claimedUntil !== undefined && nowMs < claimedUntil)) continue;
        const won = await runtime.store.claimOnce({
          key: claimKey,
          expiresAtMs: plan.expiresAtMs,
          nowMs,
        });
        if (runtime.claimedThresholds.size >= 10_000) runtime.claimedThresholds.clear();
        runtime.claimedThresholds.set(claimKey, plan.expiresAtMs);
        if (!won) continue;
        runtime.emitter.emit("threshold", {
          ruleId: plan.ruleId,
          scope: plan.scope,
          scopeValue: plan.scopeValue,
          limitKind,
          threshold,
          limit,
          spent,
          ...(limitKind === "usd"
            ? { limitUsd: nanoUsdToUsd(limit), spentUsd: nanoUsdToUsd(spent) }
            : {}),
          windowKey: plan.windowKey,
        });
      }
    }
  }
}
