export { NANO_USD_PER_USD, nanoUsdToUsd, usdToNanoUsd } from "./nano-usd.js";
