import { CENT_NANO_DIGITS, decimalToNanoUsd } from "./amount-to-nano-usd.js";
import { badShape, defaultEnv, fetchReportPage, requireAdminKey } from "./fetch-report-page.js";
import type {
  ProviderCostReport,
  ProviderCostRow,
  ReadProviderCostsOptions,
  UnconvertedAmount,
} from "./provider-cost.js";

/** Environment variables an Anthropic admin key is read from, in order. */
export const ANTHROPIC_ADMIN_KEY_VARIABLES = [
  "ANTHROPIC_ADMIN_KEY",
  "ANTHROPIC_ADMIN_API_KEY",
] as const;

interface AnthropicCostPage {
  data?: {
    starting_at?: string;
    results?: {
      amount?: string;
      currency?: string;
      model?: string | null;
      description?: string | null;
      workspace_id?: string | null;
    }[];
  }[];
  has_more?: boolean;
  next_page?: string | null;
}

/**
 * Reads Anthropic's Admin cost report (`GET /v1/organizations/cost_report`, daily buckets,
 * grouped by description and workspace) for `[fromMs, toMs)`, following `next_page` until
 * `has_more` is false. Amounts are cents as decimal strings (`"123.45"` is $1.2345). The admin
 * key comes from `adminKey`, `ANTHROPIC_ADMIN_KEY` or `ANTHROPIC_ADMIN_API_KEY`, is sent as
 * `x-api-key` and never stored or logged. Non-token costs (web search, code execution) have no
 * model and are keyed by their description.
 */
export async function readAnthropicCosts(
  options: ReadProviderCostsOptions,
): Promise<ProviderCostReport> {
  const provider = "anthropic";
  const key = requireAdminKey(
    provider,
    options.adminKey,
    options.env ?? defaultEnv(),
    ANTHROPIC_ADMIN_KEY_VARIABLES,
  );
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const rows: ProviderCostRow[] = [];
  const unconverted: UnconvertedAmount[] = [];
  let page: string | undefined;
  for (let count = 0; ; count++) {
    if (count >= (options.maxPages ?? 100)) throw badShape(provider, "too many pages");
    const url = new URL(
      "/v1/organizations/cost_report",
      options.baseUrl ?? "https://api.anthropic.com",
    );
    url.searchParams.set("starting_at", new Date(options.fromMs).toISOString());
    url.searchParams.set("ending_at", new Date(options.toMs).toISOString());
    url.searchParams.set("bucket_width", "1d");
    url.searchParams.append("group_by[]", "description");
    url.searchParams.append("group_by[]", "workspace_id");
    url.searchParams.set("limit", "31");
    if (page !== undefined) url.searchParams.set("page", page);
    const body = (await fetchReportPage({
      provider,
      url,
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01" },
      fetch: fetchFunction,
      keyVariable: ANTHROPIC_ADMIN_KEY_VARIABLES[0],
    })) as AnthropicCostPage;
    if (!Array.isArray(body?.data)) throw badShape(provider, "no data array");
    for (const bucket of body.data) {
      const startMs = Date.parse(bucket.starting_at ?? "");
      if (!Number.isFinite(startMs)) throw badShape(provider, "bucket starting_at");
      const day = new Date(startMs).toISOString().slice(0, 10);
      for (const result of bucket.results ?? []) {
        if (typeof result.amount !== "string") throw badShape(provider, "result amount");
        const currency = result.currency ?? "";
        const model = result.model ?? result.description ?? "(no description)";
        if (currency.toUpperCase() !== "USD") {
          unconverted.push({ day, provider, model, amount: result.amount, currency });
          continue;
        }
        const costNanoUsd = decimalToNanoUsd(result.amount, CENT_NANO_DIGITS);
        if (costNanoUsd === undefined) throw badShape(provider, `amount "${result.amount}"`);
        const row: ProviderCostRow = { day, provider, model, costNanoUsd };
        if (result.description) row.lineItem = result.description;
        if (result.workspace_id) row.project = result.workspace_id;
        rows.push(row);
      }
    }
    if (!body.has_more) break;
    if (!body.next_page) throw badShape(provider, "has_more without next_page");
    page = body.next_page;
  }
  return { provider, rows, unconverted };
}
