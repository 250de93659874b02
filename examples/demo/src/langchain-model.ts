/**
 * The LangChain side of the simulated providers: a `BaseChatModel` that names itself like
 * `ChatAnthropic` (ls_provider "anthropic") and reports `usage_metadata` the way
 * @langchain/anthropic does: `input_tokens` includes cache reads and writes, which are listed
 * in `input_token_details`. Anthropic caches only what the request marks with
 * `cache_control`, and this app marks nothing, so every call pays the full input price.
 */
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type LangSmithParams,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { ProviderSimulation } from "./provider-simulation.js";

export interface SimulatedChatAnthropicFields {
  model: string;
  /** The dated snapshot the provider answers with. */
  responseModel: string;
  maxTokens: number;
  simulation: ProviderSimulation;
  /** The answer to the next call (the app sets it before each call; a test double's script). */
  nextAnswer: () => string;
}

export class SimulatedChatAnthropic extends BaseChatModel<BaseChatModelCallOptions> {
  readonly fields: SimulatedChatAnthropicFields;

  constructor(fields: SimulatedChatAnthropicFields) {
    super({});
    this.fields = fields;
  }

  _llmType(): string {
    return "simulated-anthropic";
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    return {
      ls_provider: "anthropic",
      ls_model_name: this.fields.model,
      ls_model_type: "chat",
      ls_max_tokens: this.fields.maxTokens,
      ls_stop: options.stop,
    };
  }

  override invocationParams(): Record<string, unknown> {
    return { model: this.fields.model, max_tokens: this.fields.maxTokens };
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const { simulation, model } = this.fields;
    let inputTokens = 0;
    for (const message of messages)
      inputTokens += (await simulation.countTokens(message.text, model)) + 4;
    const text = this.fields.nextAnswer();
    const outputTokens = await simulation.countTokens(text, model);
    const message = new AIMessage({
      content: text,
      usage_metadata: {
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        total_tokens: inputTokens + outputTokens,
        input_token_details: { cache_read: 0, cache_creation: 0 },
      },
      response_metadata: { model: this.fields.responseModel, stop_reason: "end_turn" },
    });
    return { generations: [{ text, message }] };
  }
}
