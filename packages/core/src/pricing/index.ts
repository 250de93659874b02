export {
  type CostRequest,
  calculateCost,
  calculateWorstCaseCost,
  type WorstCaseCostRequest,
} from "./calculate-cost.js";
export { bundledCatalogSnapshot } from "./catalog.generated.js";
export {
  type CatalogSnapshot,
  type ConditionalPrice,
  type MatchRule,
  type PriceSet,
  type PriceTier,
  type PriceValue,
  SERVICE_TIERS,
  type ServiceTier,
  type ServiceTierPrices,
  type SnapshotModel,
  type SnapshotProvider,
  type SnapshotSource,
  type TieredPrice,
} from "./catalog-snapshot.js";
export {
  type Catalog,
  type CatalogOptions,
  createCatalog,
  defaultCatalog,
} from "./create-catalog.js";
export { PRICE_KINDS, type PriceKind } from "./price-kind.js";
export type { PriceMatch } from "./price-match.js";
export { type ReportedCostSources, readReportedCostUsd } from "./read-reported-cost.js";
export {
  DEFAULT_PRICES_URL,
  type PriceCache,
  type RemoteCatalog,
  type RemoteCatalogEvents,
  type RemoteCatalogOptions,
  type RemoteCatalogStatus,
  remoteCatalog,
} from "./remote/remote-catalog.js";
export { resolveModel } from "./resolve-model.js";
export type { ModelInfo, ResolvedModel, ServiceTierSuffix } from "./resolved-model.js";
export type { CostBreakdown, CostLine } from "./types.js";
export type {
  UserModelPrice,
  UserPartPrices,
  UserPrices,
  UserPriceTier,
} from "./user-prices.js";
