import { compileBudgetRules } from "../budget/compile-budget-rules.js";
import { findInsights } from "../insights/find-insights.js";
import { projectBudgets } from "../insights/project-budgets.js";
import { toRecordQuery } from "../insights/to-record-query.js";
import { catalogOf, onRefreshFailure } from "../pricing/catalog-of.js";
import { priceUsage } from "../pricing/price-usage.js";
import { memoryStore } from "../store/memory-store.js";
import { createCorrectionFactors } from "../tokenize/correction-factors.js";
import { estimateOutputTokens, type InputEstimator } from "../tokenize/estimate-tokens.js";
import { admitCall, fingerprintRequest, warnUnscoped } from "./admit-call.js";
import { nextCallId } from "./call-id.js";
import { checkRequest } from "./check-request.js";
import { ContextScope, mergeContext } from "./context-scope.js";
import { createReservation } from "./create-reservation.js";
import { estimateCall } from "./estimate-call.js";
import { createLedgerEmitter } from "./event-emitter.js";
import { createInputEstimators } from "./input-estimators.js";
import { type LedgerOptions, resolveLedgerOptions } from "./ledger-options.js";
import type { InputEstimate, LedgerRuntime } from "./ledger-runtime.js";
import { normalizeContext } from "./normalize-context.js";
import { readStatus } from "./read-status.js";
import { settleCall } from "./settle-call.js";
import { createStoreGuard } from "./store-guard.js";
import { toAggregateQuery } from "./to-aggregate-query.js";
import { emptyTotals } from "./totals.js";
import type { Ledger } from "./types.js";

/**
 * Creates a ledger (contract): prices every call exactly, holds the worst case in every
 * matching budget before the call, settles the actual usage after it, and keeps the records.
 * Options are validated once here; a bad option throws `InvalidConfigError`.
 *
 * @example
 * const ledger = createLedger({
 *   budgets: [{ id: "per-user", scope: "userId", window: "day", limit: { usd: 1 } }],
 * });
 */
export function createLedger(options: LedgerOptions = {}): Ledger {
  const resolved = resolveLedgerOptions(options);
  const catalog = catalogOf(resolved.prices);
  const budgets = compileBudgetRules(resolved.budgets, { contextKeys: resolved.contextKeys });
  const emitter = createLedgerEmitter(resolved.onEvent);
  onRefreshFailure(catalog, (failure) => emitter.emit("price-refresh-failed", failure));
  const store = resolved.store ?? memoryStore();
  const guard = createStoreGuard({
    timeoutMs: resolved.storeTimeoutMs,
    emitter,
    inProcess: store.inProcess === true,
    maxBufferedWrites: resolved.maxBufferedWrites,
  });
  const scope = new ContextScope({ asyncContext: resolved.asyncContext, emitter });
  const correctionFactors = createCorrectionFactors();
  const tokenizerOptions =
    resolved.tokenizer === undefined ? {} : { tokenizer: resolved.tokenizer };
  const estimatorFor = createInputEstimators({ correctionFactors, ...tokenizerOptions });

  const runtime: LedgerRuntime = {
    store,
    guard,
    budgets,
    emitter,
    scope,
    unknownModel: resolved.unknownModel,
    missingScope: resolved.missingScope,
    failMode: resolved.failMode,
    holdTtlMs: resolved.holdTtlMs,
    defaultMaxOutputTokens: resolved.defaultMaxOutputTokens,
    costMismatchTolerance: resolved.costMismatchTolerance,
    now: resolved.now,
    claimedThresholds: new Map(),
    resolveModel(model, provider) {
      return catalog.resolve(model, provider);
    },
    normalizeProvider(provider, model) {
      return catalog.normalizeProvider(provider, model);
    },
    price(model, usage, atMs, serviceTier) {
      return priceUsage(model, usage, atMs, serviceTier);
    },
    async estimateInput(request) {
      const counter = runtime.inputCounter(request);
      return (counter instanceof Promise ? await counter : counter)();
    },
    inputCounter(request) {
      const counterOf = (estimate: InputEstimator) => (): InputEstimate => {
        const counted = estimate({
          prompt: request.prompt,
          messages: request.messages,
          tools: request.tools,
        });
        return {
          inputTokens: counted.inputTokens,
          learn: (actualInputTokens) => {
            correctionFactors.observeEstimate(counted, actualInputTokens);
          },
        };
      };
      const estimator = estimatorFor(request.model, request.provider);
      return estimator instanceof Promise ? estimator.then(counterOf) : counterOf(estimator);
    },
    countPromptText(text, model, provider) {
      const count = (estimate: InputEstimator): number => estimate({ prompt: text }).inputTokens;
      const estimator = estimatorFor(model, provider);
      return estimator instanceof Promise ? estimator.then(count) : count(estimator);
    },
    async countText(text, model, provider) {
      const estimate = await estimateOutputTokens(text, {
        model,
        provider,
        correctionFactors,
        ...tokenizerOptions,
      });
      return estimate.outputTokens;
    },
  };

  return {
    async estimate(request) {
      checkRequest(request, "estimate");
      return (await estimateCall(runtime, request)).estimate;
    },
    reserve(request) {
      // Not async: with no budget to hold, admission is synchronous (one promise per call).
      try {
        checkRequest(request, "reserve");
        const context = mergeContext(scope.current(), normalizeContext(request.context));
        const admission = admitCall(runtime, request, context);
        return admission instanceof Promise
          ? admission.then((admitted) => createReservation(runtime, request, context, admitted))
          : Promise.resolve(createReservation(runtime, request, context, admission));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async record(request) {
      checkRequest(request, "record");
      const context = mergeContext(scope.current(), normalizeContext(request.context));
      const priced = runtime.resolveModel(request.model, request.provider);
      const provider =
        priced?.provider ?? runtime.normalizeProvider(request.provider, request.model);
      const model = priced?.model ?? request.model;
      if (!priced) runtime.emitter.emit("unpriced-model", { model, provider, context });
      const fingerprint = await fingerprintRequest(runtime, request);
      const { plans, unscoped } = budgets.bucketsFor({
        context,
        model,
        provider,
        now: runtime.now(),
      });
      // The call already happened: a missing scope key is reported, never refused.
      warnUnscoped(runtime, unscoped, { model, provider, context });
      return settleCall(
        runtime,
        {
          id: nextCallId(),
          kind: request.kind ?? "chat",
          requestedModel: request.model,
          priced,
          provider,
          model,
          fallbackFrom: undefined,
          context,
          plans,
          tracks: scope.activeTracks(),
          fingerprint,
        },
        request.usage,
        request.meta,
      );
    },
    withContext(context, fn) {
      return scope.withContext(normalizeContext(context) ?? {}, fn);
    },
    currentContext() {
      return scope.current();
    },
    async track(fn) {
      const totals = emptyTotals();
      const result = await scope.withTrack(totals, fn);
      return { result, totals };
    },
    async status(context) {
      return readStatus(runtime, mergeContext(scope.current(), normalizeContext(context)));
    },
    report(query = {}) {
      return guard.call("aggregate", () => store.aggregate(toAggregateQuery(query)));
    },
    async insights(query = {}, options = {}) {
      const records = await guard.call("query", () => store.query(toRecordQuery(query)));
      return findInsights(records, { ...options, catalog });
    },
    async projection(context) {
      const statuses = await readStatus(
        runtime,
        mergeContext(scope.current(), normalizeContext(context)),
      );
      return projectBudgets(statuses, { now: runtime.now() });
    },
    on(event, listener) {
      return emitter.on(event, listener);
    },
    countTokens(text, model) {
      return runtime.countText(text, model.model, model.provider);
    },
    async close(options = {}) {
      const unwritten = await guard.close(options.timeoutMs ?? resolved.closeTimeoutMs);
      await store.close?.();
      return { unwritten };
    },
  };
}
