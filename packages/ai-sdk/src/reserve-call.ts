import {
  InvalidConfigError,
  type Ledger,
  type LedgerContext,
  type Reservation,
  type ReserveRequest,
} from "@tokenledger/core";
import { callPrompt } from "./call-prompt.js";
import type { CallOptionsLike, LanguageModelLike, ModelIdentity } from "./model-shapes.js";
import { requestedServiceTier } from "./read-service-tier.js";

/** A model a call may be routed to, with the names it is priced under. */
export interface FallbackTarget {
  model: LanguageModelLike;
  /** Model id priced (defaults to `model.modelId`). */
  modelId: string;
  /** Provider priced (defaults to `model.provider`). */
  provider: string;
}

/** A call's hold, and the fallback the ledger admitted instead of the requested model (if any). */
export interface ReservedCall {
  reservation: Reservation;
  fallback: FallbackTarget | undefined;
}

/**
 * Estimates and holds the worst case of one language-model call (prompt tokens + the call's
 * `maxOutputTokens`, or the model's cap) in every matching budget. With fallbacks, the ledger
 * admits the first model whose hold fits; the reservation says which.
 *
 * @throws BudgetExceededError when nothing fits (the provider is never called).
 */
export function reserveCall(
  ledger: Ledger,
  request: {
    model: ModelIdentity;
    params: CallOptionsLike;
    context: LedgerContext;
    fallbacks: readonly FallbackTarget[];
    shrinkToFit?: boolean | { minOutputTokens: number };
  },
): Promise<ReservedCall> {
  const { model, params, context, fallbacks } = request;
  const reserveRequest: ReserveRequest = {
    model: model.modelId,
    provider: model.provider,
    kind: "chat",
    context,
    ...callPrompt(params),
  };
  if (params.maxOutputTokens !== undefined) reserveRequest.maxOutputTokens = params.maxOutputTokens;
  const serviceTier = requestedServiceTier(params, model.provider);
  if (serviceTier !== undefined) reserveRequest.serviceTier = serviceTier;
  if (request.shrinkToFit) reserveRequest.shrinkToFit = request.shrinkToFit;
  if (fallbacks.length === 0) {
    return ledger
      .reserve(reserveRequest)
      .then((reservation) => ({ reservation, fallback: undefined }));
  }
  reserveRequest.fallbackModels = fallbacks.map((target) => ({
    model: target.modelId,
    provider: target.provider,
  }));
  return ledger
    .reserve(reserveRequest)
    .then((reservation) => withFallback(ledger, reservation, fallbacks));
}

/** The reservation and the fallback it was admitted for; releases it when none matches. */
async function withFallback(
  ledger: Ledger,
  reservation: Reservation,
  fallbacks: readonly FallbackTarget[],
): Promise<ReservedCall> {
  if (reservation.fallbackFrom === undefined) return { reservation, fallback: undefined };
  const fallback = await admittedFallback(ledger, reservation, fallbacks);
  if (fallback !== undefined) return { reservation, fallback };
  await reservation.release("fallback-not-found");
  throw new InvalidConfigError({
    message: `The ledger admitted fallback model "${reservation.model}" but none of the fallbackModel options resolves to it (${fallbacks.map((target) => `"${target.modelId}"`).join(", ")}). Give each fallback { model, modelId, provider } with names the price catalog knows.`,
  });
}

/**
 * The fallback the reservation was admitted for. The reservation names the catalog's model id,
 * which may differ from the id given (`claude-3-5-haiku-latest` → its catalog entry), so a
 * fallback whose id does not match exactly is resolved through the ledger itself.
 */
async function admittedFallback(
  ledger: Ledger,
  reservation: Reservation,
  fallbacks: readonly FallbackTarget[],
): Promise<FallbackTarget | undefined> {
  const byId = fallbacks.find((target) => target.modelId === reservation.model);
  if (byId !== undefined) return byId;
  for (const target of fallbacks) {
    const resolved = await ledger.estimate({
      model: target.modelId,
      provider: target.provider,
      prompt: "",
      maxOutputTokens: 0,
    });
    if (resolved.model === reservation.model && resolved.provider === reservation.provider) {
      return target;
    }
  }
  return undefined;
}
