import { getByPath, listFields } from "../schema/fields";
import { maskValue } from "../schema/mask";
import { pathLabel, pointerSegments, type FieldError } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import { prepareData, validateData } from "../schema/validate";
import type { ImpactGroup, ImpactReason, ImpactReport } from "../templates/edit-types";

const LABELS: Record<ImpactReason, string> = {
  required: "字段改为必填",
  choiceRemoved: "选项被删除",
  typeNarrowed: "类型或格式收紧",
  pattern: "格式（正则）不符",
  duplicate: "唯一字段的值重复",
  other: "其他规则",
};
const ORDER: ImpactReason[] = ["required", "choiceRemoved", "typeNarrowed", "pattern", "duplicate", "other"];

/** Why an error would appear: a field made required, a choice removed, a narrower type or format, a pattern, or another rule. */
export function impactReason(e: FieldError): ImpactReason {
  if (e.keyword === "required") return "required";
  if (e.keyword === "enum") return "choiceRemoved";
  if (e.keyword === "type" || e.keyword === "format") return "typeNarrowed";
  if (e.keyword === "pattern") return "pattern";
  if (e.keyword === "x-unique") return "duplicate";
  return "other";
}

/** The field a data pointer belongs to (row indices dropped): "/payments/2/amount" → "payments.amount". */
const fieldPathOf = (pointer: string) => pointerSegments(pointer).filter((s) => typeof s === "string").join(".");

type Group = ImpactGroup & { byField: Map<string, { path: string; label: string; count: number }> };
type Listed = Omit<ImpactGroup["records"][number], "errors">;

/**
 * Keeps the `limit` records with the smallest ids, in id order, whatever order they arrive in:
 * the records stream in the database's natural order (see computeImpact), the list must not
 * depend on it. Ids of one kind compare as strings (ObjectId hex has a fixed width).
 */
function keepFirstById(g: Group, entry: ImpactGroup["records"][number], limit: number) {
  const list = g.records;
  if (list.length >= limit && entry.id > list[list.length - 1].id) {
    g.truncated = true;
    return;
  }
  let i = list.length;
  while (i > 0 && list[i - 1].id > entry.id) i--;
  list.splice(i, 0, entry);
  if (list.length > limit) {
    list.pop();
    g.truncated = true;
  }
}

/**
 * Judges records one at a time against candidate content and keeps exact counts per reason and
 * field, listing the first `limit` records of each reason by id — memory stays bounded however many
 * records stream through. Records are cleaned the way a save would clean them before validating.
 */
export function createImpactAccumulator(content: TemplateContent, limit = 200) {
  const schema = content.schema;
  const titleField = content.list?.titleField;
  const titlePii = titleField ? listFields(schema, content.uiSchema).find((f) => f.path === titleField)?.pii : undefined;
  const groups = new Map<ImpactReason, Group>();
  // Unique fields: records sharing a value can no longer all be saved as they are (the first to
  // be saved keeps it), so every record of such a pair is listed, whichever arrives first.
  const uniques = listFields(schema, content.uiSchema).filter((f) => f.schema["x-unique"] && !f.inArray);
  const holderOf = new Map(uniques.map((f) => [f.path, new Map<string, string>()]));
  const records = new Map<string, Listed & { failing: boolean }>();
  const listedAsDuplicate = new Set<string>();
  let total = 0;
  let failing = 0;

  const list = (reason: ImpactReason, rec: Listed, errors: FieldError[]) => {
    let g = groups.get(reason);
    if (!g) groups.set(reason, (g = { reason, label: LABELS[reason], count: 0, fields: [], records: [], truncated: false, byField: new Map() }));
    g.count++;
    if (reason === "duplicate") listedAsDuplicate.add(rec.id);
    for (const path of new Set(errors.map((e) => fieldPathOf(e.path)))) {
      const label = errors.find((e) => fieldPathOf(e.path) === path)!.label.replace(/ 第 \d+ 行/g, "");
      const f = g.byField.get(path) ?? { path, label, count: 0 };
      f.count++;
      g.byField.set(path, f);
    }
    keepFirstById(g, { id: rec.id, title: rec.title, templateVersion: rec.templateVersion, errors: errors.slice(0, 3) }, limit);
  };

  return {
    add(record: { id: string; templateVersion: number; data: Record<string, unknown> }): FieldError[] {
      total++;
      const prepared = prepareData(schema, record.data);
      const errors = validateData(schema, prepared);
      const raw = titleField ? getByPath(record.data, titleField.split(".")) : undefined;
      const title = raw === undefined || raw === null ? "" : String(titlePii ? maskValue(titlePii, raw) : raw);
      const me = { id: record.id, title, templateVersion: record.templateVersion, failing: false };
      const earlier: { holder: Listed & { failing: boolean }; error: FieldError }[] = [];
      for (const f of uniques) {
        const value = getByPath(prepared, f.segments);
        if (typeof value !== "string" && typeof value !== "number") continue;
        const holders = holderOf.get(f.path)!;
        const holder = holders.get(String(value));
        if (holder === undefined) {
          holders.set(String(value), record.id);
          continue;
        }
        const error = { path: `/${f.segments.join("/")}`, label: pathLabel(schema, f.segments, "zh"), message: `${f.title}的值与另一条记录重复`, keyword: "x-unique" };
        errors.push(error);
        const first = records.get(holder);
        if (first) earlier.push({ holder: first, error });
      }
      if (uniques.length) records.set(record.id, me);
      me.failing = errors.length > 0;
      // The record that held the value first is listed too, once.
      for (const { holder, error } of earlier) {
        if (listedAsDuplicate.has(holder.id)) continue;
        if (!holder.failing) failing++;
        holder.failing = true;
        list("duplicate", holder, [error]);
      }
      if (errors.length === 0) return errors;
      failing++;
      const byReason = new Map<ImpactReason, FieldError[]>();
      for (const e of errors) byReason.set(impactReason(e), [...(byReason.get(impactReason(e)) ?? []), e]);
      for (const [reason, errs] of byReason) list(reason, me, errs);
      return errors;
    },
    result(): ImpactReport {
      const ordered = ORDER.flatMap((r) => {
        const g = groups.get(r);
        if (!g) return [];
        const { byField, ...rest } = g;
        return [{ ...rest, fields: [...byField.values()].sort((a, b) => b.count - a.count) }];
      });
      return { total, failing, groups: ordered };
    },
  };
}
