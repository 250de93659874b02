export type { Usage, UsageField } from "./usage.js";
