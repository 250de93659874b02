export { bucketKey, thresholdClaimKey } from "./bucket-key.js";
export type {
  BucketPlan,
  BucketsForRequest,
  CompiledBudgetRule,
  CompiledBudgets,
} from "./bucket-plan.js";
export type {
  BudgetLimit,
  BudgetLimitKind,
  BudgetMode,
  BudgetRule,
  BudgetWindow,
  CalendarWindowUnit,
} from "./budget-rule.js";
export { compileBudgetRules } from "./compile-budget-rules.js";
