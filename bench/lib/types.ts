/** A goal on a figure: the value must be ≥ or ≤ the target. */
export interface Goal {
  op: ">=" | "<=";
  target: number;
}

/** One named result of a benchmark, usually a ratio against a baseline measured in the same run. */
export interface Figure {
  /** Short id used in docs (`T2a`). */
  id: string;
  /** What was measured, in words. */
  name: string;
  value: number;
  /** `×` for ratios, `ms`, `MiB`, … */
  unit: string;
  goal?: Goal;
  /** Extra numbers behind the figure (medians, per-round values, baselines). */
  details?: Record<string, unknown>;
}

/** What one `*.bench.ts` file returns from `run()`. */
export interface BenchResult {
  figures: Figure[];
  /** Markdown tables printed after the figures. */
  tables?: string[];
  /** Facts about the run (corpus hash, sizes, versions). */
  meta?: Record<string, unknown>;
}

/** Passed to every benchmark's `run()`. */
export interface BenchContext {
  /** Absolute path of the bench/ folder. */
  benchDir: string;
  /** Absolute path of the monorepo root. */
  rootDir: string;
  /** Fewer rounds (for a smoke run): `pnpm bench --quick`. */
  quick: boolean;
  log(message: string): void;
}

/** The contract of a `bench/*.bench.ts` file. */
export interface BenchModule {
  run(context: BenchContext): Promise<BenchResult>;
}

/** True when the figure meets its goal (or has none). */
export function meetsGoal(figure: Figure): boolean | undefined {
  if (figure.goal === undefined) return undefined;
  return figure.goal.op === ">="
    ? figure.value >= figure.goal.target
    : figure.value <= figure.goal.target;
}
