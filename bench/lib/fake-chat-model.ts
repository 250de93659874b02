import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type LangSmithParams,
} from "@langchain/core/language_models/chat_models";
import { AIMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

const REPLY = "Three novels: Smilla, The Snowman, Faceless Killers.";

/**
 * A chat model that answers at once the way `ChatOpenAI` reports a call: it names itself
 * (`ls_provider`, `ls_model_name`) when the run starts, and puts `usage_metadata` and the answering
 * snapshot on the message. No network, no timers.
 */
export class FakeOpenAIChatModel extends BaseChatModel<BaseChatModelCallOptions> {
  _llmType(): string {
    return "fake-openai";
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    return {
      ls_provider: "openai",
      ls_model_name: "gpt-4o-mini",
      ls_model_type: "chat",
      ls_stop: options.stop,
    };
  }

  override invocationParams(): Record<string, unknown> {
    return { model: "gpt-4o-mini" };
  }

  override async _generate(): Promise<ChatResult> {
    const message = new AIMessage({
      content: REPLY,
      usage_metadata: { input_tokens: 96, output_tokens: 12, total_tokens: 108 },
      response_metadata: { model_name: "gpt-4o-mini-2024-07-18" },
    });
    return { generations: [{ text: REPLY, message }] };
  }
}
