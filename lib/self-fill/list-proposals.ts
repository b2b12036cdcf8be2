import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { SelfFillProposalModel } from "../db/models/self-fill-link";
import type { Locale } from "../i18n/locale";
import { assertRecordId } from "../records/check-record-data";
import { recordsFilter } from "../records/records-filter";
import { schemaAt } from "../schema/fields";
import { maskValue } from "../schema/mask";
import { pathLabel, pointerSegments } from "../schema/messages";
import { fieldKind } from "../schema/fields";
import type { FieldKind, JsonSchema } from "../schema/types";
import { getPublishedTemplate } from "../templates/get-published-template";
import { currentShape } from "../templates/upgrade-record-data";
import { assertStaff } from "./create-self-fill-link";
import { resolveScope } from "../records/resolve-scope";

/** One proposed field: its value when the customer opened the link, theirs, and the record's now. */
export interface ProposedField {
  path: string;
  label: string;
  before: unknown;
  after: unknown;
  current: unknown;
  /** The record changed here since the customer's base revision. */
  changedSince: boolean;
  accepted: boolean;
  pii: boolean;
  /** The field's kind, for formatting the values. */
  kind: FieldKind;
}

/** A customer's open submission for a record, as staff review it. */
export interface ProposalView {
  id: string;
  createdAt: string;
  baseRevision: number;
  fields: ProposedField[];
}

/** The value at a JSON pointer in record data. */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  let node: unknown = data;
  for (const seg of pointerSegments(pointer)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/**
 * The open customer submissions (proposals) of a record, oldest first, for those who may edit it:
 * each field as it was, as proposed, and as it is now. Personal data is masked here, as on the
 * detail page (the values are the customer's own, entered on their phone).
 */
export async function listProposals(params: { actor: Actor | null; templateKey: string; recordId: string; locale?: Locale }): Promise<ProposalView[]> {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  assertStaff(actor);
  assertCan(actor, "record.update");
  assertRecordId(recordId);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const doc = await RecordModel.findOne({ _id: recordId, ...recordsFilter({ actor, templateKey, trash: "live", scope: await resolveScope(actor, template) }) }).lean();
  if (!doc) return [];
  const data = await currentShape(doc, template.version);
  const proposals = await SelfFillProposalModel.find({ recordId, templateKey, status: "open" }).sort({ createdAt: 1 }).limit(20).lean();
  const schema = template.content.schema;
  return proposals.map((p) => ({
    id: String(p._id),
    createdAt: p.createdAt.toISOString(),
    baseRevision: p.baseRevision,
    fields: (p.changes as { path: string; before?: unknown; after?: unknown }[]).map((stored) => {
      // The database keeps a missing value as null: read both as "no value".
      const c = { path: stored.path, before: stored.before ?? undefined, after: stored.after ?? undefined };
      const current = valueAtPointer(data, c.path) ?? undefined;
      const node = schemaAt(schema, pointerSegments(c.path)) ?? {};
      const pii = node["x-pii"];
      const show = (v: unknown) => (pii && v !== undefined ? maskValue(pii, v) : v);
      return {
        path: c.path,
        label: pathLabel(schema as JsonSchema, pointerSegments(c.path), locale),
        before: show(c.before),
        after: show(c.after),
        current: show(current),
        changedSince: JSON.stringify(current) !== JSON.stringify(c.before),
        accepted: p.accepted.includes(c.path),
        pii: !!pii,
        kind: fieldKind(node),
      };
    }),
  }));
}
