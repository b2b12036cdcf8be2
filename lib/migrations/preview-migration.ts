import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { EVERY_RECORD, recordsFilter } from "../records/records-filter";
import { getByPath, listFields } from "../schema/fields";
import { maskValue } from "../schema/mask";
import type { Locale } from "../schema/messages";
import { applyOpToData } from "../template-model/apply-op-to-data";
import { fromContent } from "../template-model/from-content";
import { applyOpToContent, describeOp, migrationOpInput, type MigrationOp } from "../template-model/migration-op";
import { loadTemplateDoc, loadVersionContent } from "../templates/template-doc";
import { parseInput } from "../validation/parse-input";

/** What a migration would do, before it runs. */
export interface MigrationPreview {
  description: string;
  fromVersion: number;
  toVersion: number;
  /** Records of the template, deleted ones included (their data is migrated too). */
  total: number;
  /** Records holding a value for the field. */
  affected: number;
  failing: number;
  samples: { id: string; title: string; before: unknown; after: unknown }[];
  failures: { id: string; title: string; path: string; value: unknown; message: string }[];
}

const valueAt = (data: unknown, path: string) => getByPath(data, path.split("."));

/** The value of a field in a record; for a table column, the values of its rows. */
function fieldValues(data: unknown, segments: string[]): unknown {
  let nodes: unknown[] = [data];
  let throughTable = false;
  for (const seg of segments) {
    // Only tables hold arrays before the last segment; their rows are read one by one.
    throughTable ||= nodes.some(Array.isArray);
    nodes = nodes.flatMap((n) => (Array.isArray(n) ? n : [n])).map((n) => (n && typeof n === "object" ? (n as Record<string, unknown>)[seg] : undefined));
  }
  const values = nodes.filter((v) => v !== undefined);
  if (values.length === 0) return undefined;
  return throughTable ? values : values[0];
}

/**
 * Runs a key or type migration in memory over every record (streamed in batches): how many hold
 * the field, before/after for the first five, and every record whose value cannot be converted
 * (the first 50 listed). Nothing is written.
 */
export async function previewMigration(params: { actor: Actor | null; templateKey: string; op: unknown; batchSize?: number; locale?: Locale }): Promise<MigrationPreview> {
  const { actor, templateKey, batchSize = 200, locale = "zh" } = params;
  assertCan(actor, "template.manage");
  const op: MigrationOp = parseInput(migrationOpInput, params.op);
  const tpl = await loadTemplateDoc(templateKey);
  if (tpl.currentVersion < 1) throw new DomainError("BAD_REQUEST", msg("migrations.unpublished"));
  const current = await loadVersionContent(templateKey, tpl.currentVersion);
  let next;
  try {
    next = applyOpToContent(current, op);
  } catch (err) {
    throw new DomainError("VALIDATION", (err as Error).message);
  }
  const newPath = op.type === "renameKey" ? [...op.path.split(".").slice(0, -1), op.newKey].join(".") : op.path;
  const titleField = current.list.titleField;
  // Personal data stays masked here as everywhere else: the preview shows the shape of a change
  // (138****8000 → 138****8000 as text), not the values, which the record pages reveal and audit.
  const piiOf = (schema: typeof current.schema, path: string | undefined) => (path ? listFields(schema).find((f) => f.path === path)?.pii : undefined);
  const masked = (kind: ReturnType<typeof piiOf>, v: unknown) => (kind && v !== undefined ? maskValue(kind, v) : v);
  const piiBefore = piiOf(current.schema, op.path);
  const piiAfter = piiOf(next.schema, newPath) ?? piiBefore;
  const piiTitle = piiOf(current.schema, titleField);
  const out: MigrationPreview = { description: describeOp(fromContent(current), op, locale), fromVersion: tpl.currentVersion, toVersion: tpl.currentVersion + 1, total: 0, affected: 0, failing: 0, samples: [], failures: [] };
  await connectDb();
  let lastId: unknown = null;
  for (;;) {
    const docs = await RecordModel.find({ ...recordsFilter({ actor: null, templateKey, trash: "any", scope: EVERY_RECORD }), ...(lastId ? { _id: { $gt: lastId } } : {}) }, { data: 1 }).sort({ _id: 1 }).limit(batchSize).lean();
    for (const doc of docs) {
      out.total++;
      const data = (doc.data ?? {}) as Record<string, unknown>;
      const before = fieldValues(data, op.path.split("."));
      if (before === undefined) continue;
      out.affected++;
      const title = titleField ? String(masked(piiTitle, valueAt(data, titleField)) ?? "") : "";
      const result = applyOpToData(current.schema, next.schema, op, data, locale);
      if (result.failures.length) {
        out.failing++;
        for (const f of result.failures) if (out.failures.length < 50) out.failures.push({ id: String(doc._id), title, ...f, value: masked(piiBefore, f.value) });
      } else if (out.samples.length < 5) out.samples.push({ id: String(doc._id), title, before: masked(piiBefore, before), after: masked(piiAfter, fieldValues(result.data, newPath.split("."))) });
    }
    if (docs.length < batchSize) break;
    lastId = docs[docs.length - 1]._id;
  }
  return out;
}
