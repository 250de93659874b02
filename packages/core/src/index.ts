export * from "./budget/index.js";
export * from "./errors/index.js";
export * from "./ledger/index.js";
export * from "./money/index.js";
export * from "./pricing/index.js";
export * from "./store/index.js";
export * from "./tokenize/index.js";
export * from "./usage/index.js";
