import "server-only";
import type { Actor } from "../auth/roles";
import { TemplateVersionModel } from "../db/models/template";
import { diffContents } from "../template-model/diff-content";
import { renamesBetween, type VersionMigration } from "../template-model/diff-renames";
import type { Locale } from "../schema/messages";
import type { VersionDiff } from "./edit-types";
import { loadContentRef, loadReadableTemplate } from "./load-content-ref";
import type { VersionRef } from "./template-input";

/**
 * A readable field-level diff between two versions of a template, either of which may be the
 * draft, in the reader's language. Key migrations between the two are read from the versions
 * they published, so a renamed key shows as such and never as a field deleted and another added.
 */
export async function diffVersions(params: { actor: Actor | null; templateKey: string; from: VersionRef; to: VersionRef; locale?: Locale }): Promise<VersionDiff> {
  const { actor, templateKey, from, to } = params;
  const doc = await loadReadableTemplate(actor, templateKey);
  const [a, b, migrations] = await Promise.all([
    loadContentRef(actor, doc, from),
    loadContentRef(actor, doc, to),
    TemplateVersionModel.find({ templateKey, migration: { $ne: null } }, { version: 1, migration: 1 }).lean(),
  ]);
  const versions: VersionMigration[] = migrations.map((v) => ({ version: v.version, migration: (v.migration as { op?: VersionMigration["migration"] } | undefined)?.op }));
  return { from, to, changes: diffContents(a, b, { renames: renamesBetween(versions, from, to), locale: params.locale }) };
}
