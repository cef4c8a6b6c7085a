/** One benchmark figure next to its budget. */
export interface Row {
  what: string;
  value: string;
  budget: string;
  /** `null` when the row is informational (no budget). */
  pass: boolean | null;
}

/** Renders a Markdown table with a PASS/MISS column. */
export function renderTable(title: string, rows: Row[], note?: string): string {
  const lines = [`### ${title}`, '', '| what | measured | budget | result |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.what} | ${r.value} | ${r.budget} | ${r.pass === null ? '–' : r.pass ? 'PASS' : 'MISS'} |`);
  if (note) lines.push('', note);
  return lines.join('\n');
}

/** Median, min and max of a sample. */
export function stats(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
