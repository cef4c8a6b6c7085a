/** Prints rows as an aligned text table (or a note when there are none). */
export function printTable(rows: Record<string, string>[], empty = '(none)'): void {
  if (rows.length === 0) {
    console.log(empty);
    return;
  }
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(columns.map((c) => c.toUpperCase())));
  for (const row of rows) console.log(line(columns.map((c) => row[c] ?? '')));
}

/** Prints a value as indented JSON (for `--json`). */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** ISO string or a dash. */
export const when = (d: Date | null | undefined): string => (d ? d.toISOString() : '-');
