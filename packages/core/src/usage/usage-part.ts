import type { Usage } from "./usage.js";

/**
 * One billed step of a call whose usage spans several models or steps (Anthropic
 * `usage.iterations`: the executor's own messages, advisor sub-calls on another model,
 * compaction steps, fallback attempts). Priced on its own, at its own model's price.
 */
export interface UsagePartInput {
  /** The model that ran this step; absent: the call's own (answering) model. */
  model?: string;
  /** What the step was, as the provider names it (`message`, `advisor_message`, `compaction`, …). */
  step?: string;
  usage: Usage;
}
