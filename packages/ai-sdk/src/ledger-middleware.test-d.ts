/**
 * Type tests (compiled by `tsc -b`, never run): the middleware is accepted by
 * `wrapLanguageModel` of ai 5, 6 and 7 and the embedding middleware by `wrapEmbeddingModel` of
 * ai 6 and 7, each with that major's own model types, without casts.
 */
import type { Ledger } from "@tokenledger/core";
import {
  type EmbeddingModel as EmbeddingModel7,
  type LanguageModel as LanguageModel7,
  wrapEmbeddingModel as wrapEmbeddingModel7,
  wrapLanguageModel as wrapLanguageModel7,
} from "ai";
import {
  MockEmbeddingModelV4,
  MockLanguageModelV3 as MockLanguageModelV3On7,
  MockLanguageModelV4,
} from "ai/test";
import {
  embedMany as embedMany5,
  type LanguageModel as LanguageModel5,
  wrapLanguageModel as wrapLanguageModel5,
} from "ai-v5";
import { MockEmbeddingModelV2, MockLanguageModelV2 } from "ai-v5/test";
import {
  type EmbeddingModel as EmbeddingModel6,
  type LanguageModel as LanguageModel6,
  wrapEmbeddingModel as wrapEmbeddingModel6,
  wrapLanguageModel as wrapLanguageModel6,
} from "ai-v6";
import { MockEmbeddingModelV3, MockLanguageModelV3 } from "ai-v6/test";
import { ledgerEmbeddingMiddleware } from "./ledger-embedding-middleware.js";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { withLedgerEmbeddings } from "./with-ledger-embeddings.js";

declare const ledger: Ledger;

// ai@5: spec v2 models.
const on5: LanguageModel5 = wrapLanguageModel5({
  model: new MockLanguageModelV2(),
  middleware: ledgerMiddleware(ledger, { fallbackModel: new MockLanguageModelV2() }),
});

// ai@6: spec v3 models; a list of middlewares works too.
const on6: LanguageModel6 = wrapLanguageModel6({
  model: new MockLanguageModelV3(),
  middleware: [ledgerMiddleware(ledger), ledgerMiddleware(ledger, { maxOutputUsd: 0.5 })],
});

// ai@7: spec v4 and v3 models.
const on7: LanguageModel7 = wrapLanguageModel7({
  model: new MockLanguageModelV4(),
  middleware: ledgerMiddleware(ledger, {
    context: () => ({ feature: "chat" }),
    fallbackModel: { model: new MockLanguageModelV4(), modelId: "gpt-4o-mini" },
  }),
});
const v3On7: LanguageModel7 = wrapLanguageModel7({
  model: new MockLanguageModelV3On7(),
  middleware: ledgerMiddleware(ledger),
});

// Embeddings: wrapEmbeddingModel on ai 6 and 7, the proxy on ai 5.
const embed6: EmbeddingModel6 = wrapEmbeddingModel6({
  model: new MockEmbeddingModelV3(),
  middleware: ledgerEmbeddingMiddleware(ledger, { context: { feature: "search" } }),
});
const embed7: EmbeddingModel7 = wrapEmbeddingModel7({
  model: new MockEmbeddingModelV4(),
  middleware: ledgerEmbeddingMiddleware(ledger),
});
const embed5: MockEmbeddingModelV2<string> = withLedgerEmbeddings(
  new MockEmbeddingModelV2<string>(),
  ledger,
);
void embedMany5({ model: embed5, values: ["a"] });

// @ts-expect-error maxOutputUsd is a number of USD
ledgerMiddleware(ledger, { maxOutputUsd: "0.5" });
// @ts-expect-error a fallback must be a model object, not an id
ledgerMiddleware(ledger, { fallbackModel: "gpt-4o-mini" });

void [on5, on6, on7, v3On7, embed6, embed7];
