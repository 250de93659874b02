import type { SnapshotModel, SnapshotProvider } from "../../src/pricing/catalog-snapshot.js";
import type { MergeNote } from "./merge-secondary-source.js";

/** A model limit both sources get wrong or lack, set by hand from the provider's page. */
export interface LimitCorrection {
  readonly provider: string;
  readonly model: string;
  readonly maxOutputTokens: number;
  readonly source: string;
}

/**
 * DeepSeek's pricing page (api-docs.deepseek.com/quick_start/pricing, archived 2026-04-26 and
 * quoted 2026-05/06): V4 Flash and Pro "MAX OUTPUT: MAXIMUM 384K", and deepseek-chat /
 * deepseek-reasoner are V4 Flash's non-thinking / thinking modes. LiteLLM's mid-2026 map still
 * has the V3 limits (8K / 64K), which would hold far too little.
 */
export const LIMIT_CORRECTIONS: readonly LimitCorrection[] = [
  "deepseek-v4-flash",
  "deepseek-v4-pro",
  "deepseek-chat",
  "deepseek-reasoner",
].map((model) => ({
  provider: "deepseek",
  model,
  maxOutputTokens: 384 * 1024,
  source: "DeepSeek pricing page: V4 max output 384K (deepseek-chat/-reasoner are V4 Flash)",
}));

/** Providers whose own limits are copied to the same model id elsewhere (Vertex, resellers). */
const FIRST_PARTY = ["openai", "anthropic", "google", "x-ai", "mistral", "deepseek"];

/**
 * Applies {@link LIMIT_CORRECTIONS}, then gives a model with no `maxOutputTokens` the limit of
 * the same model id at its maker (a limit belongs to the model, not to who serves it: Vertex's
 * `claude-sonnet-4-5` is Anthropic's). Returns the providers and what was set, for the report.
 */
export function fillLimits(providers: readonly SnapshotProvider[]): {
  providers: SnapshotProvider[];
  corrected: MergeNote[];
  copied: MergeNote[];
} {
  const corrected: MergeNote[] = [];
  const copied: MergeNote[] = [];
  const withCorrections = providers.map((provider) => ({
    ...provider,
    models: provider.models.map((model): SnapshotModel => {
      const correction = LIMIT_CORRECTIONS.find(
        (item) => item.provider === provider.id && item.model === model.id,
      );
      if (correction === undefined || model.maxOutputTokens === correction.maxOutputTokens) {
        return model;
      }
      corrected.push({
        provider: provider.id,
        model: model.id,
        note: `maxOutputTokens ${model.maxOutputTokens ?? "none"} → ${correction.maxOutputTokens} (${correction.source})`,
      });
      return { ...model, maxOutputTokens: correction.maxOutputTokens };
    }),
  }));
  const makers = new Map<string, { provider: string; limit: number }>();
  for (const providerId of FIRST_PARTY) {
    const provider = withCorrections.find((item) => item.id === providerId);
    for (const model of provider?.models ?? []) {
      const id = model.id.toLowerCase();
      if (model.maxOutputTokens !== undefined && !makers.has(id)) {
        makers.set(id, { provider: providerId, limit: model.maxOutputTokens });
      }
    }
  }
  const filled = withCorrections.map((provider) => ({
    ...provider,
    models: provider.models.map((model): SnapshotModel => {
      const maker = makers.get(model.id.toLowerCase());
      if (model.maxOutputTokens !== undefined || maker === undefined) return model;
      if (maker.provider === provider.id) return model;
      copied.push({
        provider: provider.id,
        model: model.id,
        note: `maxOutputTokens ${maker.limit} (from ${maker.provider}/${model.id})`,
      });
      return { ...model, maxOutputTokens: maker.limit };
    }),
  }));
  return { providers: filled, corrected, copied };
}
