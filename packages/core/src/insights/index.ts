export { findInsights } from "./find-insights.js";
export { hashPrompt, type PromptHashes, type PromptHashInput } from "./hash-prompt.js";
export { DEFAULT_INSIGHT_OPTIONS, type ResolvedInsightOptions } from "./insight-options.js";
export {
  type BudgetProjection,
  type ProjectBudgetsOptions,
  type ProjectionOutcome,
  projectBudgets,
} from "./project-budgets.js";
export type {
  DuplicatePromptsEvidence,
  ExpensiveModelEvidence,
  FailedCallsEvidence,
  FindInsightsOptions,
  Insight,
  InsightEvidenceByKind,
  InsightKind,
  InsightOf,
  InsightOptions,
  InsightQuery,
  OversizedMaxOutputEvidence,
  UncachedPrefixEvidence,
} from "./types.js";
