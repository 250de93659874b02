import { BaseLLM, type BaseLLMParams } from "@langchain/core/language_models/llms";
import type { LLMResult } from "@langchain/core/outputs";

export interface FakeTextLLMFields extends BaseLLMParams {
  model: string;
  /** Prompt and completion tokens the "provider" reports for each prompt. */
  promptTokensEach: number;
  completionTokensEach: number;
}

/**
 * A legacy text-completion LLM like `OpenAI` from `@langchain/openai`: no messages and no
 * `usage_metadata`, only `llmOutput.tokenUsage` summed over every prompt of the call.
 */
export class FakeTextLLM extends BaseLLM {
  readonly fields: FakeTextLLMFields;
  providerCalls = 0;

  constructor(fields: FakeTextLLMFields) {
    super(fields);
    this.fields = fields;
  }

  _llmType(): string {
    return "fake-text";
  }

  override invocationParams(): Record<string, unknown> {
    return { model_name: this.fields.model, max_tokens: 64 };
  }

  override async _generate(prompts: string[]): Promise<LLMResult> {
    this.providerCalls += 1;
    const { promptTokensEach, completionTokensEach } = this.fields;
    return {
      generations: prompts.map((prompt) => [{ text: `echo: ${prompt}` }]),
      llmOutput: {
        tokenUsage: {
          promptTokens: promptTokensEach * prompts.length,
          completionTokens: completionTokensEach * prompts.length,
          totalTokens: (promptTokensEach + completionTokensEach) * prompts.length,
        },
      },
    };
  }
}
