import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  fromAiSdkEmbeddingUsage,
  fromAiSdkUsage,
  fromAnthropicUsage,
  fromGoogleUsage,
  fromLangChainTokenUsage,
  fromLangChainUsage,
  fromOpenAIUsage,
  type Usage,
  validateUsage,
} from "./index.js";

interface FixtureCase {
  name: string;
  normalizer: string;
  input: unknown;
  options?: { provider?: string; providerMetadata?: unknown; rawUsage?: unknown };
  arithmetic: string;
  expected: Usage | null;
}

const normalizers: Record<string, (input: unknown, options: FixtureCase["options"]) => unknown> = {
  fromAiSdkUsage: (input, options) => fromAiSdkUsage(input, options),
  fromAiSdkEmbeddingUsage: (input) => fromAiSdkEmbeddingUsage(input),
  fromAnthropicUsage: (input) => fromAnthropicUsage(input),
  fromGoogleUsage: (input) => fromGoogleUsage(input),
  fromLangChainTokenUsage: (input) => fromLangChainTokenUsage(input),
  fromLangChainUsage: (input) => fromLangChainUsage(input),
  fromOpenAIUsage: (input) => fromOpenAIUsage(input),
};

const fixtureDirectory = join(fileURLToPath(new URL(".", import.meta.url)), "__fixtures__");
const fixtureFiles = readdirSync(fixtureDirectory).filter((file) => file.endsWith(".json"));

describe("usage golden fixtures", () => {
  it("finds every fixture file", () => {
    expect(fixtureFiles.sort()).toEqual([
      "ai-sdk-result.json",
      "ai-sdk-v2.json",
      "ai-sdk-v3.json",
      "ai-sdk-v4.json",
      "anthropic.json",
      "google.json",
      "langchain.json",
      "openai.json",
    ]);
  });

  for (const file of fixtureFiles) {
    const fixture = JSON.parse(readFileSync(join(fixtureDirectory, file), "utf8")) as {
      cases: FixtureCase[];
    };
    describe(file, () => {
      for (const fixtureCase of fixture.cases) {
        it(fixtureCase.name, () => {
          const normalize = normalizers[fixtureCase.normalizer];
          if (normalize === undefined)
            throw new Error(`unknown normalizer ${fixtureCase.normalizer}`);
          const actual = normalize(fixtureCase.input, fixtureCase.options);
          expect(actual).toStrictEqual(fixtureCase.expected ?? undefined);
          if (actual !== undefined) expect(validateUsage(actual)).toStrictEqual(actual);
        });
      }
    });
  }
});
