import { getByPath, listFields } from "../schema/fields";
import { maskValue } from "../schema/mask";
import { pointerSegments, type FieldError } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import { prepareData, validateData } from "../schema/validate";
import type { ImpactGroup, ImpactReason, ImpactReport } from "./edit-types";

const LABELS: Record<ImpactReason, string> = {
  required: "字段改为必填",
  choiceRemoved: "选项被删除",
  typeNarrowed: "类型或格式收紧",
  pattern: "格式（正则）不符",
  other: "其他规则",
};
const ORDER: ImpactReason[] = ["required", "choiceRemoved", "typeNarrowed", "pattern", "other"];

/** Why an error would appear: a field made required, a choice removed, a narrower type or format, a pattern, or another rule. */
export function impactReason(e: FieldError): ImpactReason {
  if (e.keyword === "required") return "required";
  if (e.keyword === "enum") return "choiceRemoved";
  if (e.keyword === "type" || e.keyword === "format") return "typeNarrowed";
  if (e.keyword === "pattern") return "pattern";
  return "other";
}

/** The field a data pointer belongs to (row indices dropped): "/payments/2/amount" → "payments.amount". */
const fieldPathOf = (pointer: string) => pointerSegments(pointer).filter((s) => typeof s === "string").join(".");

type Group = ImpactGroup & { byField: Map<string, { path: string; label: string; count: number }> };

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
  let total = 0;
  let failing = 0;
  return {
    add(record: { id: string; templateVersion: number; data: Record<string, unknown> }): FieldError[] {
      total++;
      const errors = validateData(schema, prepareData(schema, record.data));
      if (errors.length === 0) return errors;
      failing++;
      const raw = titleField ? getByPath(record.data, titleField.split(".")) : undefined;
      const title = raw === undefined || raw === null ? "" : String(titlePii ? maskValue(titlePii, raw) : raw);
      const byReason = new Map<ImpactReason, FieldError[]>();
      for (const e of errors) byReason.set(impactReason(e), [...(byReason.get(impactReason(e)) ?? []), e]);
      for (const [reason, list] of byReason) {
        let g = groups.get(reason);
        if (!g) groups.set(reason, (g = { reason, label: LABELS[reason], count: 0, fields: [], records: [], truncated: false, byField: new Map() }));
        g.count++;
        for (const path of new Set(list.map((e) => fieldPathOf(e.path)))) {
          const label = list.find((e) => fieldPathOf(e.path) === path)!.label.replace(/ 第 \d+ 行/g, "");
          const f = g.byField.get(path) ?? { path, label, count: 0 };
          f.count++;
          g.byField.set(path, f);
        }
        keepFirstById(g, { id: record.id, title, templateVersion: record.templateVersion, errors: list.slice(0, 3) }, limit);
      }
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
