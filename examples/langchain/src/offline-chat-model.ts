/**
 * An offline stand-in for ChatOpenAI: it names itself like ChatOpenAI does (ls_provider
 * "openai", ls_model_name), answers from a script, and reports `usage_metadata` the way the
 * OpenAI integration does (input ≈ characters / 4 plus 3 tokens per message; OpenAI's
 * automatic prompt cache covers whole 1024-token prefixes once a prompt has been seen).
 */
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type LangSmithParams,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, type ToolCall } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

/** What the script answers: text, or tool calls to make. */
export type ScriptedTurn = string | { toolCalls: ToolCall[] };

export interface OfflineChatModelFields {
  model: string;
  /** The dated snapshot the "provider" answers with. */
  responseModel?: string;
  maxTokens?: number;
  /** Decides the answer from the conversation so far. */
  script: (messages: BaseMessage[]) => ScriptedTurn;
}

const tokensOf = (text: string): number => Math.ceil(text.length / 4);

export class OfflineChatModel extends BaseChatModel<BaseChatModelCallOptions> {
  readonly fields: OfflineChatModelFields;
  readonly #seenPrefixes = new Set<string>();

  constructor(fields: OfflineChatModelFields) {
    super({});
    this.fields = fields;
  }

  _llmType(): string {
    return "offline-openai";
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    return {
      ls_provider: "openai",
      ls_model_name: this.fields.model,
      ls_model_type: "chat",
      ls_max_tokens: this.fields.maxTokens ?? 512,
      ls_stop: options.stop,
    };
  }

  override invocationParams(): Record<string, unknown> {
    return { model: this.fields.model, max_tokens: this.fields.maxTokens ?? 512 };
  }

  // createAgent binds its tools; the script already knows them.
  override bindTools(): this {
    return this;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const prompt = messages.map((message) => `${message.type}: ${message.text}`).join("\n");
    const inputTokens = tokensOf(prompt) + 3 * messages.length;
    const prefix = prompt.slice(0, 4096);
    const cacheRead = this.#seenPrefixes.has(prefix) ? Math.floor(inputTokens / 1024) * 1024 : 0;
    this.#seenPrefixes.add(prefix);

    const turn = this.fields.script(messages);
    const text = typeof turn === "string" ? turn : "";
    const toolCalls = typeof turn === "string" ? [] : turn.toolCalls;
    const outputTokens = tokensOf(text) + tokensOf(JSON.stringify(toolCalls)) + 1;
    const message = new AIMessage({
      content: text,
      tool_calls: toolCalls,
      usage_metadata: {
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        total_tokens: inputTokens + outputTokens,
        input_token_details: { cache_read: cacheRead },
      },
      response_metadata: { model_name: this.fields.responseModel ?? this.fields.model },
    });
    return { generations: [{ text, message }] };
  }
}
