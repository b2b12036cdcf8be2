import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { ImportModel, type ImportDoc } from "../db/models/import";
import { JobModel } from "../db/models/job";
import { RecordModel } from "../db/models/record";
import { recordTitle } from "../records/record-title";
import { getByPath } from "../schema/fields";
import { recordsFilter } from "../records/records-filter";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import { importJobId, IMPORT_KIND } from "./import-job";
import { toImportView, type ImportView } from "./import-view";
import { jobId } from "../jobs/job-kind";
import { resolveScope } from "../records/resolve-scope";

/**
 * An import of a template, for someone who may import into it (create records) and whose data scope
 * includes the person who uploaded it: its sample and refused rows hold the file's cells in full.
 * Another template's import, or one outside the reader's scope, is a 404 like a missing one.
 */
export async function loadImport(params: { actor: Actor | null; templateKey: string; id: string }): Promise<{ doc: ImportDoc; template: PublishedTemplate }> {
  assertCan(params.actor, "record.create");
  const template = await getPublishedTemplate(params.actor, params.templateKey);
  await connectDb();
  const doc = /^[a-f0-9]{24}$/.test(params.id) ? ((await ImportModel.findOne({ _id: params.id, templateKey: template.key }).lean()) as ImportDoc | null) : null;
  if (!doc) throw new DomainError("NOT_FOUND", msg("imports.notFound"));
  const { ownerIds } = await resolveScope(params.actor, template);
  if (ownerIds && !ownerIds.includes(doc.createdBy)) throw new DomainError("NOT_FOUND", msg("imports.notFound"));
  return { doc, template };
}

/** The import's view with its current check and run, as the reader sees it. */
export async function viewImport(doc: ImportDoc, template: PublishedTemplate, reader: Actor | null): Promise<ImportView> {
  const [check, run, undo] = await Promise.all([
    doc.checkJobId ? JobModel.findById(doc.checkJobId).lean() : null,
    doc.runJobId ? JobModel.findById(doc.runJobId).lean() : null,
    doc.undoJobId ? JobModel.findById(doc.undoJobId).lean() : null,
  ]);
  const view = toImportView(doc, template, { check, run, undo });
  if (view.undo?.keptIds?.length) view.undo.keptTitles = await keptTitles(view.undo.keptIds, template, reader, doc.keyField ?? null);
  return view;
}

/**
 * The titles of the records an undo left alone (changed since the import), as the reader may see
 * them (personal data masked as in the list), so the page names them instead of showing ids. A
 * masked title is followed by the import's key when that is no personal data ("客** · P123"):
 * masked names alike (客**, 客**) could not be told apart.
 */
async function keptTitles(ids: string[], template: PublishedTemplate, reader: Actor | null, keyField: string | null): Promise<Record<string, string>> {
  const titleField = template.content.list.titleField;
  const valid = ids.filter((id) => /^[a-f0-9]{24}$/.test(id));
  if (!titleField || valid.length === 0) return {};
  const key = keyField && keyField !== titleField ? template.fields.find((f) => f.path === keyField && !f.pii) : undefined;
  // Only records the reader may still open (one transferred away since is not named to them).
  const filter = { ...recordsFilter({ actor: reader, templateKey: template.key, trash: "openable", scope: await resolveScope(reader, template) }), _id: { $in: valid } };
  const docs = await RecordModel.find(filter, { ownerId: 1, [`data.${titleField}`]: 1, ...(key ? { [`data.${key.path}`]: 1 } : {}) }).lean<{ _id: unknown; ownerId: string; data: unknown }[]>();
  return Object.fromEntries(
    docs.map((d) => {
      const title = recordTitle({ template, data: d.data, reader, ownerId: d.ownerId });
      const masked = title !== String(getByPath(d.data, titleField.split(".")) ?? "");
      const keyValue = key ? getByPath(d.data, key.path.split(".")) : undefined;
      return [String(d._id), masked && (typeof keyValue === "string" || typeof keyValue === "number") && keyValue !== "" ? `${title} · ${keyValue}` : title];
    }),
  );
}

/** GET one import. */
export async function getImport(params: { actor: Actor | null; templateKey: string; id: string }): Promise<ImportView> {
  const { doc, template } = await loadImport(params);
  return viewImport(doc, template, params.actor);
}

/** The job ids of an import's n-th check and of its run, in the runner's namespace. */
export const importJobIds = (importId: string, checks: number) => ({
  check: jobId(IMPORT_KIND, importJobId(importId, "check", checks)),
  run: jobId(IMPORT_KIND, importJobId(importId, "run")),
});
