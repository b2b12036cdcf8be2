/** What is wrong with each choice: blank, or the same as an earlier one. */
export function optionIssues(options: string[]): ("blank" | "duplicate" | null)[] {
  return options.map((o, i) => (!o.trim() ? "blank" : options.indexOf(o) !== i ? "duplicate" : null));
}

/** Choices from the bulk editor: one per line, surrounding spaces trimmed; a trailing empty line is the one being typed. */
export function parseBulkOptions(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A label for a new choice that is not taken yet: "选项3". */
export function newOptionLabel(options: string[], base: string): string {
  for (let i = options.length + 1; ; i++) if (!options.includes(`${base}${i}`)) return `${base}${i}`;
}
