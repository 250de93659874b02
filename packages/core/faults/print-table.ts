import type { ScenarioRow } from "./measure-outcome.js";

const COLUMNS: readonly { title: string; cell: (row: ScenarioRow) => string }[] = [
  { title: "store", cell: (row) => row.store },
  { title: "fault", cell: (row) => row.fault },
  { title: "mode", cell: (row) => row.failMode },
  { title: "admitted", cell: (row) => String(row.admitted) },
  { title: "denied", cell: (row) => String(row.denied) },
  { title: "unavail", cell: (row) => String(row.unavailable) },
  { title: "settled", cell: (row) => String(row.settled) },
  { title: "charged", cell: (row) => String(row.charged) },
  { title: "recorded", cell: (row) => String(row.recorded) },
  { title: "lost", cell: (row) => String(row.lost) },
  { title: "doubled", cell: (row) => String(row.doubled) },
  { title: "held left", cell: (row) => String(row.heldLeft) },
  { title: "wait over ms", cell: (row) => String(row.waitOverMs) },
  {
    title: "close ms",
    cell: (row) => (row.closeMs === undefined ? "-" : String(Math.round(row.closeMs))),
  },
  {
    title: "result",
    cell: (row) => (row.failures.length === 0 ? "ok" : `FAIL: ${row.failures.join("; ")}`),
  },
];

const WIDTHS = COLUMNS.map((column) =>
  Math.max(column.title.length, column.title === "result" ? 0 : 8),
);

const line = (cells: readonly string[]): string =>
  cells
    .map((cell, index) => cell.padEnd(WIDTHS[index] ?? 0))
    .join(" | ")
    .trimEnd();

/** The table's header and rule. */
export function tableHeader(): string {
  const titles = COLUMNS.map((column) => column.title);
  return `${line(titles)}\n${line(titles.map((_, index) => "-".repeat(WIDTHS[index] || 6)))}`;
}

/** One row of the table. */
export function tableRow(row: ScenarioRow): string {
  return line(COLUMNS.map((column) => column.cell(row)));
}
