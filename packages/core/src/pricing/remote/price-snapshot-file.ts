/** A local price snapshot written by `tokenledger prices update`: the upstream data and where it came from. */
export interface PriceSnapshotFile {
  tokenledgerPrices: 1;
  /** Where the data was fetched from. */
  url: string;
  /** When it was fetched (ISO). */
  fetchedAt: string;
  /** genai-prices v2 providers, as fetched. */
  data: unknown;
}

/** True for a parsed {@link PriceSnapshotFile}. */
export function isPriceSnapshotFile(value: unknown): value is PriceSnapshotFile {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as PriceSnapshotFile).tokenledgerPrices === 1 &&
    typeof (value as PriceSnapshotFile).fetchedAt === "string"
  );
}
