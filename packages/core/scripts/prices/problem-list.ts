/** Receives each problem found while converting (`where` names the provider/model/key). */
export interface ProblemSink {
  add(where: string, message: string): void;
}

/** Collects problems instead of stopping at the first, so one run reports them all. */
export class ProblemList implements ProblemSink {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

/** Thrown with every problem found in the upstream data, one per line. */
export class PriceDataError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `genai-prices data cannot be converted exactly (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`,
    );
    this.name = "PriceDataError";
    this.problems = problems;
  }
}

/** True for a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
