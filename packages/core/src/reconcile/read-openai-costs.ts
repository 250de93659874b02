import { usdNumberToNanoUsd } from "./amount-to-nano-usd.js";
import { badShape, defaultEnv, fetchReportPage, requireAdminKey } from "./fetch-report-page.js";
import type {
  ProviderCostReport,
  ProviderCostRow,
  ReadProviderCostsOptions,
  UnconvertedAmount,
} from "./provider-cost.js";
import { utcDay } from "./provider-cost.js";

/** Environment variables an OpenAI admin key is read from, in order. */
export const OPENAI_ADMIN_KEY_VARIABLES = ["OPENAI_ADMIN_KEY"] as const;

interface OpenAiCostsPage {
  data?: {
    start_time?: number;
    results?: {
      amount?: { value?: number; currency?: string };
      line_item?: string | null;
      project_id?: string | null;
    }[];
  }[];
  has_more?: boolean;
  next_page?: string | null;
}

/**
 * The model of an OpenAI cost line item: `gpt-4o-2024-08-06, input` → `gpt-4o-2024-08-06`.
 * Line items that are not a model (`web search tool calls`) stay as they are.
 */
export function modelOfOpenAiLineItem(lineItem: string): string {
  return (lineItem.split(",")[0] ?? lineItem).trim();
}

/**
 * Reads OpenAI's organization Costs API (`GET /v1/organization/costs`, daily buckets, grouped by
 * line item and project) for `[fromMs, toMs)`, following `next_page` until `has_more` is false.
 * The admin key comes from `adminKey` or `OPENAI_ADMIN_KEY`; it is sent as a bearer token and
 * never stored or logged. Amounts in a currency other than USD land in `unconverted`.
 */
export async function readOpenAiCosts(
  options: ReadProviderCostsOptions,
): Promise<ProviderCostReport> {
  const provider = "openai";
  const key = requireAdminKey(
    provider,
    options.adminKey,
    options.env ?? defaultEnv(),
    OPENAI_ADMIN_KEY_VARIABLES,
  );
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const rows: ProviderCostRow[] = [];
  const unconverted: UnconvertedAmount[] = [];
  let page: string | undefined;
  for (let count = 0; ; count++) {
    if (count >= (options.maxPages ?? 100)) throw badShape(provider, "too many pages");
    const url = new URL("/v1/organization/costs", options.baseUrl ?? "https://api.openai.com");
    url.searchParams.set("start_time", String(Math.floor(options.fromMs / 1000)));
    url.searchParams.set("end_time", String(Math.ceil(options.toMs / 1000)));
    url.searchParams.set("bucket_width", "1d");
    url.searchParams.append("group_by", "line_item");
    url.searchParams.append("group_by", "project_id");
    url.searchParams.set("limit", "180");
    if (page !== undefined) url.searchParams.set("page", page);
    const body = (await fetchReportPage({
      provider,
      url,
      headers: { authorization: `Bearer ${key}` },
      fetch: fetchFunction,
      keyVariable: OPENAI_ADMIN_KEY_VARIABLES[0],
    })) as OpenAiCostsPage;
    if (!Array.isArray(body?.data)) throw badShape(provider, "no data array");
    for (const bucket of body.data) {
      if (typeof bucket.start_time !== "number") throw badShape(provider, "bucket start_time");
      const day = utcDay(bucket.start_time * 1000);
      for (const result of bucket.results ?? []) {
        const value = result.amount?.value;
        const currency = result.amount?.currency ?? "";
        if (typeof value !== "number") throw badShape(provider, "result amount.value");
        const lineItem = result.line_item ?? undefined;
        const model = lineItem === undefined ? "(no line item)" : modelOfOpenAiLineItem(lineItem);
        if (currency.toLowerCase() !== "usd") {
          unconverted.push({ day, provider, model, amount: String(value), currency });
          continue;
        }
        const costNanoUsd = usdNumberToNanoUsd(value);
        if (costNanoUsd === undefined) throw badShape(provider, "result amount.value");
        const row: ProviderCostRow = { day, provider, model, costNanoUsd };
        if (lineItem !== undefined) row.lineItem = lineItem;
        if (result.project_id) row.project = result.project_id;
        rows.push(row);
      }
    }
    if (!body.has_more) break;
    if (!body.next_page) throw badShape(provider, "has_more without next_page");
    page = body.next_page;
  }
  return { provider, rows, unconverted };
}
