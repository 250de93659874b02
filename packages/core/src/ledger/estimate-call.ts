import { mergeContext } from "./context-scope.js";
import type { InputEstimate, LedgerRuntime, PricedModel } from "./ledger-runtime.js";
import type { Estimate, EstimateRequest, LedgerContext } from "./types.js";

/** Models each ledger already warned about (`uncapped-output` fires once per model per ledger). */
const warnedUncapped = new WeakMap<LedgerRuntime, Set<string>>();

/** An estimate with what settlement needs later. */
export interface CallEstimate {
  estimate: Estimate;
  priced: PricedModel | undefined;
  input: InputEstimate | undefined;
}

/** Worst-case estimate of one call for one model, with explicit token counts when given. */
export async function estimateCall(
  runtime: LedgerRuntime,
  request: EstimateRequest,
  explicit?: { inputTokens: number; outputTokens: number },
): Promise<CallEstimate> {
  const priced = runtime.resolveModel(request.model, request.provider);
  const input = explicit ? undefined : await runtime.estimateInput(request);
  const inputTokens = explicit?.inputTokens ?? input?.inputTokens ?? 0;
  const outputTokens = explicit?.outputTokens ?? worstCaseOutputTokens(runtime, request, priced);
  return {
    estimate: worstCase(runtime, request, priced, inputTokens, outputTokens),
    priced,
    input,
  };
}

/** The same token counts priced for another model (fallback routing). */
export function repriceEstimate(
  runtime: LedgerRuntime,
  request: EstimateRequest,
  base: Estimate,
  explicitOutputTokens?: number,
): { estimate: Estimate; priced: PricedModel | undefined } {
  const priced = runtime.resolveModel(request.model, request.provider);
  const outputTokens =
    request.kind === "embedding"
      ? 0
      : (explicitOutputTokens ??
        request.maxOutputTokens ??
        priced?.maxOutputTokens ??
        base.outputTokens);
  return {
    estimate: worstCase(runtime, request, priced, base.inputTokens, outputTokens),
    priced,
  };
}

/**
 * Output tokens to hold: none for embeddings, else the call's cap, the model's output limit
 * from the catalog, else the ledger's `defaultMaxOutputTokens` — with an `uncapped-output`
 * event (once per model per ledger), since the call may then spend past its hold.
 */
export function worstCaseOutputTokens(
  runtime: LedgerRuntime,
  request: EstimateRequest,
  priced: PricedModel | undefined,
): number {
  if (request.kind === "embedding") return 0;
  const cap = request.maxOutputTokens ?? priced?.maxOutputTokens;
  if (cap !== undefined) return cap;
  warnUncapped(runtime, request, priced);
  return runtime.defaultMaxOutputTokens;
}

function warnUncapped(
  runtime: LedgerRuntime,
  request: EstimateRequest,
  priced: PricedModel | undefined,
): void {
  const provider = priced?.provider ?? runtime.normalizeProvider(request.provider, request.model);
  const model = priced?.model ?? request.model;
  let warned = warnedUncapped.get(runtime);
  if (warned === undefined) {
    warned = new Set();
    warnedUncapped.set(runtime, warned);
  }
  const key = `${provider}\u0000${model}`;
  if (warned.has(key)) return;
  warned.add(key);
  const perCall = (request as { context?: LedgerContext }).context;
  runtime.emitter.emit("uncapped-output", {
    model,
    provider,
    outputTokens: runtime.defaultMaxOutputTokens,
    context: mergeContext(runtime.scope.current(), perCall),
  });
}

/** The estimate of a call from its token counts: priced worst case, catalog names. */
export function worstCase(
  runtime: LedgerRuntime,
  request: EstimateRequest,
  priced: PricedModel | undefined,
  inputTokens: number,
  outputTokens: number,
): Estimate {
  if (!priced) {
    return {
      inputTokens,
      outputTokens,
      costNanoUsd: null,
      provider: runtime.normalizeProvider(request.provider, request.model),
      model: request.model,
      priced: false,
    };
  }
  const cost = runtime.price(
    priced,
    { inputTokens, outputTokens },
    runtime.now(),
    request.serviceTier,
  );
  return {
    inputTokens,
    outputTokens,
    costNanoUsd: cost.totalNanoUsd,
    provider: priced.provider,
    model: priced.model,
    priced: true,
  };
}
