export { type BudgetDenial, BudgetExceededError } from "./budget-exceeded-error.js";
export { InvalidConfigError } from "./invalid-config-error.js";
export { InvalidPriceError } from "./invalid-price-error.js";
export { InvalidUsageError } from "./invalid-usage-error.js";
export { StoreUnavailableError } from "./store-unavailable-error.js";
export { TokenledgerError, type TokenledgerErrorCode } from "./tokenledger-error.js";
export { UnknownModelError } from "./unknown-model-error.js";
