import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import { checkTemplate } from "../schema/check-template";
import { getByPath, listFields } from "../schema/fields";
import { maskValue } from "../schema/mask";
import { pointerSegments, type FieldError } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import { prepareData, validateData } from "../schema/validate";
import type { ImpactGroup, ImpactReason, ImpactReport } from "./edit-types";
import { migrationsBetween, upgradeRecordData } from "./migrations/upgrade-record-data";
import { loadTemplateDoc, parseContent } from "./template-doc";
import { templateContentInput } from "./template-input";
import { parseInput } from "../validation/parse-input";

const LABELS: Record<ImpactReason, string> = {
  required: "字段改为必填",
  choiceRemoved: "选项被删除",
  typeNarrowed: "类型或格式收紧",
  pattern: "格式（正则）不符",
  other: "其他规则",
};
const ORDER: ImpactReason[] = ["required", "choiceRemoved", "typeNarrowed", "pattern", "other"];

function reasonOf(e: FieldError): ImpactReason {
  if (e.keyword === "required") return "required";
  if (e.keyword === "enum") return "choiceRemoved";
  if (e.keyword === "type" || e.keyword === "format") return "typeNarrowed";
  if (e.keyword === "pattern") return "pattern";
  return "other";
}

/** The field a data pointer belongs to (row indices dropped): "/payments/2/amount" → "payments.amount". */
const fieldPathOf = (pointer: string) => pointerSegments(pointer).filter((s) => typeof s === "string").join(".");

/**
 * How the existing records of a template fare against candidate content: every non-deleted
 * record is cleaned and validated the way a save would, streamed in batches by `_id` so memory
 * stays bounded. Counts are exact; each reason lists its first `limit` records.
 */
export async function computeImpact(params: { templateKey: string; content: TemplateContent; limit?: number; batchSize?: number }): Promise<ImpactReport> {
  const { templateKey, content, limit = 200, batchSize = 200 } = params;
  await connectDb();
  const schema = content.schema;
  const titleField = content.list?.titleField;
  const titlePii = titleField ? listFields(schema, content.uiSchema).find((f) => f.path === titleField)?.pii : undefined;
  const tpl = await loadTemplateDoc(templateKey);
  const pending = await migrationsBetween(templateKey, 0, tpl.currentVersion);
  const groups = new Map<ImpactReason, ImpactGroup & { byField: Map<string, { path: string; label: string; count: number }> }>();
  let total = 0;
  let failing = 0;
  let lastId: unknown = null;
  for (;;) {
    const filter: Record<string, unknown> = { templateKey, deletedAt: null };
    if (lastId) filter._id = { $gt: lastId };
    const docs = await RecordModel.find(filter, { data: 1, templateVersion: 1 }).sort({ _id: 1 }).limit(batchSize).lean();
    for (const doc of docs) {
      total++;
      let data = (doc.data ?? {}) as Record<string, unknown>;
      // Records a running key/type migration has not reached yet are judged as it will leave them.
      if (pending.some((m) => m.version > doc.templateVersion))
        data = (await upgradeRecordData({ templateKey, fromVersion: doc.templateVersion, toVersion: tpl.currentVersion, data })).data;
      const errors = validateData(schema, prepareData(schema, data));
      if (errors.length === 0) continue;
      failing++;
      const raw = titleField ? getByPath(doc.data, titleField.split(".")) : undefined;
      const title = raw === undefined || raw === null ? "" : String(titlePii ? maskValue(titlePii, raw) : raw);
      const byReason = new Map<ImpactReason, FieldError[]>();
      for (const e of errors) byReason.set(reasonOf(e), [...(byReason.get(reasonOf(e)) ?? []), e]);
      for (const [reason, list] of byReason) {
        let g = groups.get(reason);
        if (!g) groups.set(reason, (g = { reason, label: LABELS[reason], count: 0, fields: [], records: [], truncated: false, byField: new Map() }));
        g.count++;
        for (const path of new Set(list.map((e) => fieldPathOf(e.path)))) {
          const f = g.byField.get(path) ?? { path, label: list.find((e) => fieldPathOf(e.path) === path)!.label.replace(/ 第 \d+ 行/g, ""), count: 0 };
          f.count++;
          g.byField.set(path, f);
        }
        if (g.records.length < limit) g.records.push({ id: String(doc._id), title, templateVersion: doc.templateVersion, errors: list.slice(0, 3) });
        else g.truncated = true;
      }
    }
    if (docs.length < batchSize) break;
    lastId = docs[docs.length - 1]._id;
  }
  const ordered = ORDER.flatMap((r) => {
    const g = groups.get(r);
    if (!g) return [];
    const { byField, ...rest } = g;
    return [{ ...rest, fields: [...byField.values()].sort((a, b) => b.count - a.count) }];
  });
  return { total, failing, groups: ordered };
}

/**
 * Impact analysis for the designer (administrators): candidate content from the request, or
 * the saved draft when none is given.
 */
export async function analyzeImpact(params: { actor: Actor | null; templateKey: string; content?: unknown; limit?: number }): Promise<ImpactReport> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  let content: TemplateContent;
  if (params.content !== undefined) content = parseInput(templateContentInput, params.content);
  else {
    const tpl = await loadTemplateDoc(templateKey);
    if (!tpl.draft) throw new DomainError("BAD_REQUEST", "没有草稿可分析；请先保存草稿或在请求中提供 content");
    content = parseContent(tpl.draft.content);
  }
  const problems = checkTemplate(content);
  if (problems.length) throw new DomainError("VALIDATION", `模板内容有误：${problems[0].message}`, { details: { problems } });
  return computeImpact({ templateKey, content, limit: Math.min(Math.max(params.limit ?? 200, 1), 1000) });
}
