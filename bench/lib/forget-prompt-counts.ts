import type { Subjects } from "./load-subjects.js";

/**
 * Empties the prompt-level token counts of the default tokenizer (o200k_base, the mock models'
 * encoding), so every prompt of the next batch is counted, not looked up. The tokenizer's
 * cache of pre-tokenizer pieces (`" the"`, `"ing"`…) stays warm, as in any process that has
 * served some traffic: a cold piece cache is what T2 measures, not the per-call overhead.
 */
export async function forgetPromptCounts(subjects: Subjects): Promise<void> {
  subjects.clearTokenCache(await subjects.gptTokenizer("o200k_base"));
}
