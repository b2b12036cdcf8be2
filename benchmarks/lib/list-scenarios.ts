// The list views the benchmark measures, chosen from the template's own fields by kind (nothing
// here names a field of a particular template): the default page, a deep page, a sort by a date
// column, a choice + date range filter, a money range, a name search, an exact personal-number
// search and the trash.
import { getByPath } from "../../lib/schema/fields";
import type { FieldInfo } from "../../lib/schema/types";
import type { PublishedTemplate } from "../../lib/templates/types";

export interface Scenario {
  name: string;
  params: URLSearchParams;
}

const top = (fields: FieldInfo[], test: (f: FieldInfo) => boolean) => fields.find((f) => !f.inArray && !f.removed && test(f));

/** The scenarios for a template, using `sample` (a stored record's data) for search values. */
export function listScenarios(template: PublishedTemplate, sample: Record<string, unknown>, deepPage: number): Scenario[] {
  const { fields } = template;
  const columns = template.content.list.columns;
  const out: Scenario[] = [{ name: "default list, page 1", params: new URLSearchParams() }];
  out.push({ name: `default list, page ${deepPage}`, params: new URLSearchParams({ page: String(deepPage) }) });
  const dateColumn = [...columns].reverse().map((c) => fields.find((f) => f.path === c)).find((f) => f?.kind === "date");
  if (dateColumn) out.push({ name: `sort by ${dateColumn.path} (asc)`, params: new URLSearchParams({ sort: dateColumn.path, dir: "asc" }) });
  const choice = top(fields, (f) => f.filterable && f.kind === "select" && (f.options?.length ?? 0) >= 3);
  const date = top(fields, (f) => f.filterable && f.kind === "date");
  if (choice && date) {
    const p = new URLSearchParams();
    p.set(`f.${choice.path}.in`, choice.options!.slice(0, 2).join("|"));
    p.set(`f.${date.path}.gte`, yearsAgo(3));
    p.set(`f.${date.path}.lte`, yearsAgo(1));
    out.push({ name: `filter ${choice.path} in 2 options + ${date.path} range`, params: p });
  }
  const money = top(fields, (f) => f.filterable && f.kind === "money");
  if (money) {
    const p = new URLSearchParams();
    p.set(`f.${money.path}.gte`, "1000000");
    p.set(`f.${money.path}.lte`, "2000000");
    out.push({ name: `money range ${money.path}`, params: p });
  }
  const titleField = template.content.list.titleField;
  const title = titleField ? getByPath(sample, titleField.split(".")) : undefined;
  if (typeof title === "string" && title) out.push({ name: `search q (${titleField} contains 1st char)`, params: new URLSearchParams({ q: Array.from(title)[0] }) });
  // One and two characters: the embedded database asks its trigram index for the trigrams that
  // begin with them (a character that ends a value is found through the values' ends).
  if (typeof title === "string" && Array.from(title).length >= 2) {
    const chars = Array.from(title);
    out.push({ name: `search q (${titleField} contains its last char)`, params: new URLSearchParams({ q: chars[chars.length - 1] }) });
    out.push({ name: `search q (${titleField} contains its first 2 chars)`, params: new URLSearchParams({ q: chars.slice(0, 2).join("") }) });
    out.push({ name: `search q = a whole ${titleField} (${chars.length} chars)`, params: new URLSearchParams({ q: title }) });
  }
  const idField = top(fields, (f) => f.pii === "idNumber");
  const id = idField ? getByPath(sample, idField.segments) : undefined;
  if (typeof id === "string") out.push({ name: `search q = exact ${idField!.path}`, params: new URLSearchParams({ q: id }) });
  // What staff type most: the last digits of a phone number; and a text no record holds (a full scan).
  const phoneField = top(fields, (f) => f.pii === "phone");
  const phone = phoneField ? getByPath(sample, phoneField.segments) : undefined;
  if (typeof phone === "string" && phone.length >= 4) out.push({ name: `search q = last 4 digits of ${phoneField!.path}`, params: new URLSearchParams({ q: phone.slice(-4) }) });
  // Two digits: held by almost every record (numbers, dates), so nearly all are candidates.
  if (typeof phone === "string" && phone.length >= 2) out.push({ name: `search q = last 2 digits of ${phoneField!.path}`, params: new URLSearchParams({ q: phone.slice(-2) }) });
  out.push({ name: "search q with no match", params: new URLSearchParams({ q: "无此客户zz" }) });
  out.push({ name: "trash view", params: new URLSearchParams({ trash: "1" }) });
  return out;
}

function yearsAgo(n: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - n);
  return d.toISOString().slice(0, 10);
}

/** A field to edit in the update benchmark: a free-text field outside tables that is not personal or unique. */
export function editableField(fields: FieldInfo[]): FieldInfo | undefined {
  return top(fields, (f) => f.kind === "textarea" && !f.schema["x-visibleWhen"]) ?? top(fields, (f) => f.kind === "text" && !f.pii && !f.schema["x-unique"] && !f.schema["x-visibleWhen"]);
}

/** The first optional list column outside tables: the field the impact candidate makes required. */
export function fieldToRequire(template: PublishedTemplate): FieldInfo | undefined {
  const schema = template.content.schema;
  return template.content.list.columns
    .map((c) => template.fields.find((f) => f.path === c))
    .find((f) => {
      if (!f || f.inArray || f.segments.length !== 2) return false;
      const parent = schema.properties?.[f.segments[0]];
      return !parent?.required?.includes(f.key) && !f.schema["x-visibleWhen"];
    });
}
