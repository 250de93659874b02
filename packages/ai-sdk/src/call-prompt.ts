import type { EstimateRequest } from "@tokenledger/core";
import type { CallOptionsLike } from "./model-shapes.js";

/** What the ledger counts as a call's input: its messages and its tool definitions. */
export type CallPrompt = Pick<EstimateRequest, "messages" | "tools">;

/**
 * The input of a language-model call as the ledger estimates it, read from the SDK's call
 * options (the standardized prompt and the tools, when there are any).
 */
export function callPrompt(params: CallOptionsLike): CallPrompt {
  const prompt: CallPrompt = {};
  if (Array.isArray(params.prompt)) prompt.messages = params.prompt;
  if (Array.isArray(params.tools) && params.tools.length > 0) prompt.tools = params.tools;
  return prompt;
}
