// Internal: small composable checks for options and prices, run once at construction.
// Not re-exported from the package entry.
export { arrayOf } from "./array-of.js";
export { type Check, INVALID, type ValidationIssue } from "./check.js";
export { anyValue, custom } from "./custom.js";
export { describeValue } from "./describe-value.js";
export { didYouMean } from "./did-you-mean.js";
export { formatIssues } from "./format-issues.js";
export { formatPath } from "./format-path.js";
export { integer } from "./integer.js";
export { number } from "./number.js";
export { objectOf } from "./object-of.js";
export { oneOf } from "./one-of.js";
export { optional } from "./optional.js";
export { recordOf } from "./record-of.js";
export { refine } from "./refine.js";
export { string } from "./string.js";
export { union } from "./union.js";
export { validate } from "./validate.js";
