import type { SnapshotModel, SnapshotProvider } from "../../src/pricing/catalog-snapshot.js";
import { compileMatchRule } from "../../src/pricing/match-rule.js";
import type { LitellmEntry } from "./load-litellm.js";

/**
 * LiteLLM `litellm_provider` values read for each genai-prices provider, most direct first,
 * and the key prefix each one uses (`xai/grok-4` → `grok-4`).
 */
export const LITELLM_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
  openai: ["openai", "text-completion-openai"],
  anthropic: ["anthropic"],
  google: ["gemini", "vertex_ai-language-models"],
  "x-ai": ["xai"],
  mistral: ["mistral"],
  deepseek: ["deepseek"],
};

/** Modes whose limits and token prices mean the same as the catalog's. */
const TOKEN_MODES = new Set(["chat", "completion", "responses", "embedding", undefined]);

/** The LiteLLM entry chosen for one catalog model. */
export interface LitellmMatch {
  readonly providerId: string;
  readonly model: SnapshotModel;
  /** LiteLLM key, e.g. `xai/grok-4.5`. */
  readonly key: string;
  readonly entry: LitellmEntry;
  /** True when the LiteLLM key (without its provider prefix) is the catalog id itself. */
  readonly exact: boolean;
}

function stripPrefix(key: string): string {
  const slash = key.indexOf("/");
  return (slash >= 0 ? key.slice(slash + 1) : key).toLowerCase();
}

/**
 * Pairs catalog models with LiteLLM entries: a LiteLLM key belongs to the catalog model its id
 * resolves to under the catalog's own rules (exact id first, then the first match rule in
 * order), so a dated snapshot the catalog prices apart is never merged into its base model.
 * Per model the entry whose id is the catalog id wins; else the first provider in
 * {@link LITELLM_PROVIDERS} order, then the last key in sort order (usually the newest date).
 */
export function matchLitellmEntries(
  providers: readonly SnapshotProvider[],
  entries: ReadonlyMap<string, LitellmEntry>,
): LitellmMatch[] {
  const matches: LitellmMatch[] = [];
  for (const provider of providers) {
    const litellmProviders = LITELLM_PROVIDERS[provider.id];
    if (litellmProviders === undefined) continue;
    const models = provider.models.map((model) => ({
      model,
      lowerId: model.id.toLowerCase(),
      matches: compileMatchRule(model.match),
    }));
    const best = new Map<SnapshotModel, { match: LitellmMatch; rank: number }>();
    const sortedKeys = [...entries.keys()].sort();
    for (const key of sortedKeys) {
      const entry = entries.get(key) as LitellmEntry;
      const rank = litellmProviders.indexOf(entry.litellm_provider ?? "");
      if (rank < 0 || !TOKEN_MODES.has(entry.mode)) continue;
      const id = stripPrefix(key);
      const owner =
        models.find((candidate) => candidate.lowerId === id) ??
        models.find((candidate) => candidate.matches(id));
      if (owner === undefined) continue;
      const exact = owner.lowerId === id;
      const score = (exact ? 0 : 100) + rank;
      const current = best.get(owner.model);
      // Later keys in sort order win ties: `…-2025-08-07` over `…-2024-07-18`.
      if (current === undefined || score <= current.rank) {
        best.set(owner.model, {
          match: { providerId: provider.id, model: owner.model, key, entry, exact },
          rank: score,
        });
      }
    }
    for (const { model } of models) {
      const found = best.get(model);
      if (found !== undefined) matches.push(found.match);
    }
  }
  return matches;
}
