import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  type BudgetRule,
  type BudgetStore,
  collectReportData,
  renderHtmlReport,
} from "@tokenledger/core";

/**
 * Writes the self-contained HTML report (charts of spend over time, by model and by user,
 * budgets against their limits, insights) for everything in `store`. Returns its absolute path.
 */
export async function writeHtmlReport(options: {
  store: BudgetStore;
  budgets: readonly BudgetRule[];
  nowMs: number;
  path: string;
}): Promise<string> {
  const data = await collectReportData({
    store: options.store,
    budgets: options.budgets,
    now: options.nowMs,
  });
  const path = resolve(options.path);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderHtmlReport(data));
  return path;
}
