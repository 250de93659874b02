import type { LoadedSource } from "./load-source.js";

/** The newest `start_date` of any price in genai-prices data (a lower bound on its age). */
export function newestPriceDate(data: unknown): string {
  let newest = "";
  for (const match of JSON.stringify(data).matchAll(/"start_date":"(\d{4}-\d{2}-\d{2})"/g)) {
    const date = match[1] ?? "";
    if (date > newest) newest = date;
  }
  return newest;
}

/**
 * The newer of two genai-prices copies: the later data date (a repository copy's commit date,
 * the npm version's publish date); when a date is unknown, the one whose newest price change
 * is later; on a tie, `preferred` (the npm package, which the lockfile pins).
 */
export function newerSource(other: LoadedSource, preferred: LoadedSource): LoadedSource {
  const chosen = (() => {
    if (other.date !== undefined && preferred.date !== undefined) {
      return other.date > preferred.date ? other : preferred;
    }
    return newestPriceDate(other.data) > newestPriceDate(preferred.data) ? other : preferred;
  })();
  const skipped = chosen === other ? preferred : other;
  chosen.warnings.push(
    `genai-prices: read ${chosen.readFrom}${chosen.date ? ` (${chosen.date})` : ""}, newer than ${skipped.readFrom}${skipped.date ? ` (${skipped.date})` : ""}`,
  );
  return chosen;
}
