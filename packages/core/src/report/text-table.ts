/** A column of a text table. */
export interface TextColumn {
  header: string;
  align?: "left" | "right";
}

/**
 * A plain-text table: a header, a rule of `─`, the rows, and an optional footer row after a
 * second rule. Columns are two spaces apart; numbers align right.
 */
export function renderTextTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
  footer?: readonly string[],
): string {
  const all = footer ? [...rows, footer] : rows;
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...all.map((row) => (row[index] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const width = widths[index] ?? 0;
        return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  const lines = [line(columns.map((column) => column.header)), rule, ...rows.map(line)];
  if (footer) lines.push(rule, line(footer));
  return lines.join("\n");
}
