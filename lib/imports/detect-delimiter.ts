/** The separators a CSV upload may use: comma, semicolon (Excel where the decimal mark is a comma), tab (Excel's "Unicode 文本", .txt/.tsv). */
export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How many lines the guess looks at. */
const LINES = 10;

/**
 * Guesses a CSV's separator from the start of its text: the one of comma, semicolon and tab that
 * stands most often outside quotes in its first lines (a quoted cell may hold the others, and line
 * breaks). A tie, or none at all (one column), is a comma.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "\n" && ++lines >= LINES) break;
    else if (counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: CsvDelimiter = ",";
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
