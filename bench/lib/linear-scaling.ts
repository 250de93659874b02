import { INPUT_FAMILIES } from "../../packages/core/src/tokenize/__fixtures__/input-families.js";
import { measureScaling } from "../../packages/core/src/tokenize/__fixtures__/measure-scaling.js";
import { markdownTable } from "./stats.js";
import type { Figure } from "./types.js";

/** Characters of the smaller input; the larger has 10×. */
const SMALL_LENGTH = 20_000;

/**
 * G4 (issue 20): estimation scales linearly on every input family — 10× the input costs
 * ≤ 12× the time. The families and the timing (fastest of alternating repetitions, every cache
 * emptied before each estimate) are the ones of core's estimate-scaling test, which asserts ≤ 30×.
 */
export async function linearScaling(
  repetitions: number,
): Promise<{ figures: Figure[]; table: string }> {
  const figures: Figure[] = [];
  const rows: unknown[][] = [];
  for (const family of INPUT_FAMILIES) {
    const scaling = await measureScaling(family, SMALL_LENGTH, repetitions);
    figures.push({
      id: `G4 ${family.name}`,
      name: `estimate time of ${SMALL_LENGTH * 10} ÷ ${SMALL_LENGTH} chars, ${family.name} (caches cold)`,
      value: scaling.ratio,
      unit: "×",
      goal: { op: "<=", target: 12 },
      details: { repetitions, smallMs: scaling.smallMs, largeMs: scaling.largeMs },
    });
    rows.push([family.name, scaling.smallMs, scaling.largeMs, scaling.ratio]);
  }
  const table = markdownTable(
    [
      `G4 input family (fastest of ${repetitions})`,
      `${SMALL_LENGTH} chars ms`,
      `${SMALL_LENGTH * 10} chars ms`,
      "× (goal ≤ 12)",
    ],
    rows,
  );
  return { figures, table };
}
