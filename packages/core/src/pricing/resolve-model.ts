import { type Catalog, defaultCatalog } from "./create-catalog.js";
import type { ModelInfo } from "./resolved-model.js";

/**
 * What the catalog knows about a model (provider, catalog id, context window, output cap,
 * price source), or `undefined` when it has no price. Never throws; cached.
 */
export function resolveModel(
  request: { model: string; provider?: string },
  catalog: Catalog = defaultCatalog,
): ModelInfo | undefined {
  return catalog.resolve(request.model, request.provider);
}
