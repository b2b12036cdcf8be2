/**
 * A query string as a plain object for a route's `query` schema: each name's first value, as
 * `searchParams.get(name)` reads it (a repeated `?kind=a&kind=b` cannot slip a second value past
 * the schema). Numbers and booleans stay text here; the schema coerces them.
 */
export function readQuery(searchParams: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of searchParams) if (!(name in out)) out[name] = value;
  return { ...out };
}
