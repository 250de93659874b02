import {
  BaseCallbackHandler,
  type HandleLLMNewTokenCallbackFields,
  type NewTokenIndices,
} from "@langchain/core/callbacks/base";
// Sets up LangChain's async-local storage (LangChain does so only when this module, LangGraph
// or LangSmith tracing is loaded): without it, a model called inside a runnable or tool
// without passing `config` would not reach this handler.
import "@langchain/core/context";
import type { Serialized } from "@langchain/core/load/serializable";
import type { BaseMessage, UsageMetadata } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import type { ChainValues } from "@langchain/core/utils/types";
import {
  InvalidConfigError,
  type Ledger,
  type LedgerContext,
  type ReserveRequest,
  type Totals,
} from "@tokenledger/core";
import { contextFromMetadata, type MetadataContextKeys } from "./context-from-metadata.js";
import { mayHideAnthropicSteps } from "./hidden-anthropic-steps.js";
import { attachLedgerMetadata } from "./ledger-metadata.js";
import { type ModelDefaults, modelFromStart } from "./model-from-start.js";
import { RunBookkeeper, type RunBookkeepingOptions } from "./run-bookkeeper.js";
import { withUnknownModelHint } from "./unknown-model-hint.js";

/** Options of {@link LedgerCallbackHandler}. */
export interface LedgerCallbackHandlerOptions extends ModelDefaults, RunBookkeepingOptions {
  /** Context of every call this handler books (`{ feature: "support-bot" }`); run metadata wins. */
  context?: LedgerContext;
  /**
   * Which run-`metadata` keys become context (`invoke(input, { metadata: { userId } })`).
   * Default `"all"`: every string value except LangChain's own keys (`ls_*`, `lc_*`,
   * `langgraph_*`, `__*`, `checkpoint_*`). A list picks exactly those keys; `false` none.
   */
  metadataContextKeys?: MetadataContextKeys;
  /** Handler name; unique per instance by default (LangChain de-duplicates hooks by name). */
  name?: string;
  /**
   * Serverless: a model run's settlement is handed to this function instead of awaited, so
   * `invoke` does not wait for the store, and the platform keeps the function alive until the
   * write is done. Vercel's `waitUntil` from `@vercel/functions`, Next.js's `after`,
   * Cloudflare's `waitUntil` from `cloudflare:workers` (or `(promise) => ctx.waitUntil(promise)`).
   * `totals` then include a run once its settlement is done; a failed settlement goes to
   * `onSettleError`, else `console.error`. The hold is still taken before the call.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object"
    ? (value as Record<string, unknown>)
    : undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let handlerCount = 0;

/**
 * A LangChain.js callback handler that books every model call in a tokenledger `Ledger`:
 * it reserves the worst case when a model run starts (refusing it with
 * `BudgetExceededError` before the provider is called), settles the exact cost when it ends,
 * releases on errors, and keeps `get_openai_callback`-style {@link totals}.
 *
 * Pass it in `callbacks` (`chain.invoke(input, { callbacks: [handler] })`) or use
 * `trackLangChain` to track every run inside a function. It is awaited: spend is booked before
 * `invoke` resolves.
 */
export class LedgerCallbackHandler extends BaseCallbackHandler {
  name: string;
  readonly ledger: Ledger;
  readonly #options: LedgerCallbackHandlerOptions;
  readonly #book: RunBookkeeper;

  constructor(ledger: Ledger, options: LedgerCallbackHandlerOptions = {}) {
    // Passed to the constructor, not set as class fields: fields initialise after super(),
    // which would leave the handler in LangChain's background queue (research §2).
    super({ raiseError: true, _awaitHandler: true });
    handlerCount += 1;
    this.name = options.name ?? `tokenledger_handler_${handlerCount}`;
    this.ledger = ledger;
    if (options.waitUntil !== undefined && typeof options.waitUntil !== "function") {
      throw new InvalidConfigError({
        message:
          "waitUntil must be a function taking a promise: waitUntil from @vercel/functions, after from next/server, or (promise) => ctx.waitUntil(promise) on Cloudflare.",
      });
    }
    this.#options = options;
    this.#book = new RunBookkeeper(ledger, this, options);
  }

  /** Everything this handler booked, in the shape of `get_openai_callback` (a copy). */
  get totals(): Totals {
    return this.#book.totals;
  }

  /**
   * What the top-level run containing `runId` spent: in flight, or one of the last
   * `finishedRunsToKeep` finished ones (pass the `runId` you gave `invoke`).
   */
  runTotals(runId: string): Totals | undefined {
    return this.#book.runTotals(runId);
  }

  /** Model runs started and not yet settled or released. */
  get openRuns(): number {
    return this.#book.openRuns;
  }

  /** LangChain copies handlers in some paths; every copy must share one set of totals. */
  override copy(): this {
    return this;
  }

  /**
   * Settles every model run still open (streams abandoned outside any chain) from what it
   * streamed, or releases it, and waits for settlements a timeout or an abort signal started.
   * `trackLangChain` calls this when its function returns; call it before a serverless
   * function returns.
   */
  settleOpenRuns(reason = "settled-open-run"): Promise<void> {
    return this.#book.settleOpenRuns(reason);
  }

  override async handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    await this.#startModelRun(llm, runId, parentRunId, extraParams, metadata, runName, {
      // One prompt (the usual call) needs no flattening copy.
      messages: messages.length === 1 ? (messages[0] as BaseMessage[]) : messages.flat(),
    });
  }

  override async handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    await this.#startModelRun(llm, runId, parentRunId, extraParams, metadata, runName, {
      prompt: prompts.join("\n"),
    });
  }

  override handleLLMNewToken(
    token: string,
    _indices: NewTokenIndices,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    fields?: HandleLLMNewTokenCallbackFields,
  ): void {
    const message = asRecord(asRecord(fields?.chunk)?.message);
    let text = token;
    const toolCallChunks = message?.tool_call_chunks;
    if (Array.isArray(toolCallChunks)) {
      for (const chunk of toolCallChunks) {
        const args = asRecord(chunk)?.args;
        if (typeof args === "string") text += args;
      }
    }
    const usage = asRecord(message?.usage_metadata) as UsageMetadata | undefined;
    this.#book.streamed(runId, text, usage);
  }

  /**
   * Settles the run, then puts the record's summary on the run's messages
   * (`response_metadata.tokenledger`, read with `ledgerMetadata(message)`): LangChain hands this
   * handler the very generations `invoke` returns, and awaits it before returning.
   */
  override async handleLLMEnd(
    output: LLMResult,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    extraParams?: Record<string, unknown>,
  ): Promise<void> {
    const ended = this.#book.endModelRun(runId, output, extraParams);
    if (this.#options.waitUntil !== undefined) {
      // Settled after the response: the result goes out without the summary.
      await this.#settle(ended);
      return;
    }
    const record = await ended;
    if (record !== undefined) attachLedgerMetadata(output, record);
  }

  override async handleLLMError(error: unknown, runId: string): Promise<void> {
    await this.#settle(this.#book.failModelRun(runId, error));
  }

  /** Awaits a settlement, or hands it to `waitUntil` (serverless) and returns at once. */
  #settle(settlement: Promise<unknown>): Promise<void> {
    const waitUntil = this.#options.waitUntil;
    if (waitUntil === undefined) return settlement.then(() => undefined);
    waitUntil(
      settlement.catch((error: unknown) => {
        console.error("[tokenledger] settling a LangChain run after the response failed:", error);
      }),
    );
    return Promise.resolve();
  }

  // The runtime passes (chain, inputs, runId, parentRunId, tags, metadata, runType, runName),
  // not the order the .d.ts declares (research §1.2); both orders are accepted.
  override handleChainStart(
    _chain: Serialized,
    _inputs: ChainValues,
    runId: string,
    fourth?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    seventh?: string,
    eighth?: string,
  ): void {
    const runtimeOrder = fourth === undefined || uuidPattern.test(fourth);
    const parentRunId = runtimeOrder ? fourth : eighth;
    this.#book.startRun(runId, parentRunId, runtimeOrder ? eighth : seventh);
  }

  override async handleChainEnd(_outputs: ChainValues, runId: string): Promise<void> {
    await this.#book.endRun(runId, "ok");
  }

  override async handleChainError(_error: unknown, runId: string): Promise<void> {
    await this.#book.endRun(runId, "error");
  }

  override handleToolStart(
    _tool: Serialized,
    _input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.#book.startRun(runId, parentRunId, runName);
  }

  override async handleToolEnd(_output: unknown, runId: string): Promise<void> {
    await this.#book.endRun(runId, "ok");
  }

  override async handleToolError(_error: unknown, runId: string): Promise<void> {
    await this.#book.endRun(runId, "error");
  }

  override handleRetrieverStart(
    _retriever: Serialized,
    _query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    this.#book.startRun(runId, parentRunId, name);
  }

  override async handleRetrieverEnd(_documents: unknown, runId: string): Promise<void> {
    await this.#book.endRun(runId, "ok");
  }

  override async handleRetrieverError(_error: unknown, runId: string): Promise<void> {
    await this.#book.endRun(runId, "error");
  }

  async #startModelRun(
    llm: Serialized,
    runId: string,
    parentRunId: string | undefined,
    extraParams: Record<string, unknown> | undefined,
    metadata: Record<string, unknown> | undefined,
    runName: string | undefined,
    input: { messages: readonly unknown[] } | { prompt: string },
  ): Promise<void> {
    const model = modelFromStart(llm, extraParams, metadata, this.#options);
    const fromMetadata = contextFromMetadata(metadata, this.#options.metadataContextKeys);
    const configured = this.#options.context;
    const request: ReserveRequest = {
      ...input,
      model: model.model,
      context: configured === undefined ? fromMetadata : { ...configured, ...fromMetadata },
      kind: "chat",
    };
    if (model.provider !== undefined) request.provider = model.provider;
    if (model.maxOutputTokens !== undefined) request.maxOutputTokens = model.maxOutputTokens;
    if (model.tools !== undefined) request.tools = model.tools;
    if (model.serviceTier !== undefined) request.serviceTier = model.serviceTier;
    await this.#book.startModelRun({
      runId,
      parentRunId,
      runName,
      provider: model.provider,
      batchSize: model.batchSize,
      mayHideSteps: mayHideAnthropicSteps(extraParams),
      signal: asRecord(extraParams?.options)?.signal,
      reserve: () =>
        this.ledger.reserve(request).catch((error: unknown) => {
          throw withUnknownModelHint(error, model);
        }),
    });
  }
}
