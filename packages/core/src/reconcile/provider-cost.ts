/** One amount of a provider's cost report, in USD, on one UTC day. */
export interface ProviderCostRow {
  /** UTC day of the report's bucket, `YYYY-MM-DD`. */
  day: string;
  /** `openai` or `anthropic` (catalog provider id). */
  provider: string;
  /** The model the provider billed, as it names it (a dated snapshot, often); else the line item. */
  model: string;
  /** OpenAI project or Anthropic workspace, when the report splits by it. */
  project?: string;
  /** The provider's line item (`gpt-4o-2024-08-06, input`, `Claude Sonnet 4 Usage - Output Tokens`). */
  lineItem?: string;
  /** Integer nano-USD. */
  costNanoUsd: number;
}

/** An amount in a currency other than USD: reported as it came, never converted or summed. */
export interface UnconvertedAmount {
  day: string;
  provider: string;
  model: string;
  /** The amount as the provider wrote it (USD units for OpenAI, cents for Anthropic). */
  amount: string;
  currency: string;
}

/** A provider's cost report over a period, read by `readOpenAiCosts` or `readAnthropicCosts`. */
export interface ProviderCostReport {
  provider: string;
  rows: ProviderCostRow[];
  unconverted: UnconvertedAmount[];
}

/** Options shared by the provider report readers. */
export interface ReadProviderCostsOptions {
  /** Inclusive start, epoch ms (use a UTC midnight: reports are per day). */
  fromMs: number;
  /** Exclusive end, epoch ms. */
  toMs: number;
  /** Admin key; defaults to the environment variable the reader names. Never stored or logged. */
  adminKey?: string;
  /** Where admin keys are read from. @default process.env when it exists */
  env?: Readonly<Record<string, string | undefined>>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** API origin, e.g. a loopback server in tests. */
  baseUrl?: string;
  /** Pages after which reading stops with an error (a runaway `next_page`). @default 100 */
  maxPages?: number;
}

/** `2026-11-22` for an epoch ms, UTC. */
export function utcDay(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}
