import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type LangSmithParams,
} from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  type UsageMetadata,
} from "@langchain/core/messages";
import { type ChatGeneration, ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";

/** How the fake reports usage, mimicking one provider's wire behaviour through LangChain. */
export type FakeProviderStyle = "openai" | "anthropic";

export interface FakeUsageChatModelFields extends BaseChatModelParams {
  /** Configured model id (`ls_model_name`, `invocation_params.model`). */
  model: string;
  /** `ls_provider`. */
  provider: FakeProviderStyle;
  /** Usage the "provider" reports per call, as LangChain's `usage_metadata`. */
  usage: UsageMetadata;
  reply?: string;
  /** The dated snapshot the provider answers with. */
  responseModel?: string;
  /** `n`: choices per call; OpenAI copies the whole usage onto every choice. */
  choices?: number;
  maxTokens?: number;
  /** Streams send no usage chunk (OpenAI `streamUsage: false`). */
  streamWithoutUsage?: boolean;
  /** Every call fails with this error (before any output). */
  error?: Error;
  /** Streams fail with this error after their first word. */
  streamErrorAfterFirstWord?: Error;
  /** The tier asked for, sent as `invocation_params.service_tier` (ChatOpenAI's `service_tier`). */
  serviceTier?: string;
  /** The tier the provider answers with, in `response_metadata.service_tier` (OpenAI). */
  answeredServiceTier?: string;
}

/**
 * A chat model that answers like OpenAI or Anthropic do through their LangChain packages:
 * `usage_metadata` on the message, the answering model in `response_metadata`, and, when
 * streaming, OpenAI's final usage chunk or Anthropic's two usage chunks (`message_start` with
 * `output_tokens: 1`, then `message_delta` with the cumulative count).
 */
export class FakeUsageChatModel extends BaseChatModel<BaseChatModelCallOptions> {
  readonly fields: FakeUsageChatModelFields;
  /** Calls that reached the "provider". */
  providerCalls = 0;

  constructor(fields: FakeUsageChatModelFields) {
    super(fields);
    this.fields = fields;
  }

  _llmType(): string {
    return "fake-usage";
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    return {
      ls_provider: this.fields.provider,
      ls_model_name: this.fields.model,
      ls_model_type: "chat",
      ls_max_tokens: this.fields.maxTokens,
      ls_stop: options.stop,
    };
  }

  override invocationParams(_options?: this["ParsedCallOptions"]): Record<string, unknown> {
    const params: Record<string, unknown> = {
      model: this.fields.model,
      max_tokens: this.fields.maxTokens,
    };
    if (this.fields.serviceTier !== undefined) params.service_tier = this.fields.serviceTier;
    return params;
  }

  get reply(): string {
    return this.fields.reply ?? "Paris is the capital of France.";
  }

  #responseMetadata(streaming: boolean): Record<string, unknown> {
    const responseModel = this.fields.responseModel ?? this.fields.model;
    if (this.fields.provider === "openai") {
      const answered = this.fields.answeredServiceTier;
      return answered === undefined
        ? { model_name: responseModel }
        : { model_name: responseModel, service_tier: answered };
    }
    // Anthropic: `model` on invoke; only additional_kwargs.model on streams (research §4).
    return streaming ? {} : { model: responseModel };
  }

  override async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    this.providerCalls += 1;
    if (this.fields.error) throw this.fields.error;
    const generations: ChatGeneration[] = [];
    for (let choice = 0; choice < (this.fields.choices ?? 1); choice += 1) {
      const text = choice === 0 ? this.reply : `${this.reply} (${choice + 1})`;
      const message = new AIMessage({
        content: text,
        usage_metadata: { ...this.fields.usage },
        response_metadata: this.#responseMetadata(false),
      });
      generations.push({ text, message });
    }
    return { generations };
  }

  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    this.providerCalls += 1;
    if (this.fields.error) throw this.fields.error;
    const { usage, provider } = this.fields;
    const send = async (
      text: string,
      fields: Partial<ConstructorParameters<typeof AIMessageChunk>[0] & object>,
    ) => {
      const chunk = new ChatGenerationChunk({
        text,
        message: new AIMessageChunk({ content: text, ...fields }),
      });
      await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, {
        chunk,
      });
      return chunk;
    };
    const streamsUsage = !this.fields.streamWithoutUsage;
    if (provider === "anthropic" && streamsUsage) {
      yield await send("", {
        usage_metadata: {
          input_tokens: usage.input_tokens,
          output_tokens: 1,
          total_tokens: usage.input_tokens + 1,
          ...(usage.input_token_details ? { input_token_details: usage.input_token_details } : {}),
        },
        additional_kwargs: { model: this.fields.responseModel ?? this.fields.model },
      });
    }
    for (const word of this.reply.split(/(?= )/)) {
      yield await send(word, {});
      if (this.fields.streamErrorAfterFirstWord) throw this.fields.streamErrorAfterFirstWord;
    }
    if (!streamsUsage) return;
    if (provider === "anthropic") {
      yield await send("", {
        usage_metadata: {
          input_tokens: 0,
          output_tokens: usage.output_tokens,
          total_tokens: usage.output_tokens,
        },
      });
    } else {
      yield await send("", {
        usage_metadata: { ...usage },
        response_metadata: this.#responseMetadata(true),
      });
    }
  }
}
