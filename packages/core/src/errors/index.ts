export {
  type BudgetDenial,
  type BudgetDenialUsd,
  BudgetExceededError,
} from "./budget-exceeded-error.js";
export { InvalidConfigError } from "./invalid-config-error.js";
export { InvalidPriceError } from "./invalid-price-error.js";
export { InvalidRequestError } from "./invalid-request-error.js";
export { InvalidUsageError } from "./invalid-usage-error.js";
export { PriceRefreshError, type PriceRefreshFailure } from "./price-refresh-error.js";
export { StoreInputError } from "./store-input-error.js";
export { StoreUnavailableError } from "./store-unavailable-error.js";
export { TokenledgerError, type TokenledgerErrorCode } from "./tokenledger-error.js";
export { UnknownModelError } from "./unknown-model-error.js";
export { UnscopedCallError } from "./unscoped-call-error.js";
