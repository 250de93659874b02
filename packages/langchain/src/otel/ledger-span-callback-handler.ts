import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";
import { context, type Span, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import type { Ledger, LedgerEvents } from "@tokenledger/core";
import { recordSpanAttributes } from "@tokenledger/core/otel";

/** Options of {@link LedgerSpanCallbackHandler}. */
export interface LedgerSpanCallbackHandlerOptions {
  /** @default trace.getTracer("@tokenledger/langchain") (the global provider) */
  tracer?: Tracer;
  /**
   * How long a span stays open after its run ended, waiting for the ledger's record of that run
   * (the `LedgerCallbackHandler` settles it concurrently). @default 2000
   */
  settleWaitMs?: number;
}

/**
 * A LangChain callback handler that opens one OpenTelemetry span per chat model or LLM run
 * (`chat <model>`, a child of the span active at `invoke`) and sets on it the usage and cost the
 * ledger recorded for that run (`gen_ai.usage.*`, `gen_ai.usage.cost.*`, matched by
 * `record.metadata.langchainRunId`). Use it beside `LedgerCallbackHandler`:
 * `callbacks: [new LedgerCallbackHandler(ledger), new LedgerSpanCallbackHandler(ledger)]`.
 */
export class LedgerSpanCallbackHandler extends BaseCallbackHandler {
  readonly name = "LedgerSpanCallbackHandler";
  readonly #tracer: Tracer;
  readonly #settleWaitMs: number;
  readonly #open = new Map<string, { span: Span; ended: boolean }>();
  readonly #ledger: Ledger;
  /** Listening to the ledger only while a span is open: a handler per request leaks nothing. */
  #unsubscribe: (() => void) | undefined;

  constructor(ledger: Ledger, options: LedgerSpanCallbackHandlerOptions = {}) {
    super();
    this.#ledger = ledger;
    this.#tracer = options.tracer ?? trace.getTracer("@tokenledger/langchain");
    this.#settleWaitMs = options.settleWaitMs ?? 2000;
  }

  #onUsage = ({ record }: LedgerEvents["usage"]): void => {
    const runId = record.metadata?.langchainRunId;
    if (typeof runId !== "string") return;
    const open = this.#open.get(runId);
    if (open === undefined) return;
    open.span.setAttributes(recordSpanAttributes(record));
    this.#end(runId);
  };

  override handleChatModelStart(
    llm: Serialized,
    _messages: unknown,
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
  ): void {
    this.#start(llm, runId, extraParams);
  }

  override handleLLMStart(
    llm: Serialized,
    _prompts: string[],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
  ): void {
    this.#start(llm, runId, extraParams);
  }

  override handleLLMEnd(_output: unknown, runId: string): void {
    const open = this.#open.get(runId);
    if (open === undefined) return;
    open.ended = true;
    // The ledger's record usually lands first; if not, give it a moment, then end anyway.
    const timer = setTimeout(() => this.#end(runId), this.#settleWaitMs);
    (timer as { unref?: () => void }).unref?.();
  }

  override handleLLMError(error: unknown, runId: string): void {
    const open = this.#open.get(runId);
    if (open === undefined) return;
    open.span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    open.ended = true;
    const timer = setTimeout(() => this.#end(runId), this.#settleWaitMs);
    (timer as { unref?: () => void }).unref?.();
  }

  #start(llm: Serialized, runId: string, extraParams?: Record<string, unknown>): void {
    const invocation = extraParams?.invocation_params as Record<string, unknown> | undefined;
    const model = invocation?.model ?? invocation?.model_name ?? llm.id.at(-1) ?? "model";
    const span = this.#tracer.startSpan(
      `chat ${String(model)}`,
      { attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": String(model) } },
      context.active(),
    );
    this.#open.set(runId, { span, ended: false });
    this.#unsubscribe ??= this.#ledger.on("usage", this.#onUsage);
  }

  #end(runId: string): void {
    const open = this.#open.get(runId);
    if (open === undefined) return;
    this.#open.delete(runId);
    open.span.end();
    if (this.#open.size === 0) {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
    }
  }
}
