import "server-only";
import type { Actor } from "../auth/roles";
import { roleCan } from "../auth/roles";
import { TemplateVersionModel } from "../db/models/template";
import type { DraftInfo, VersionSummary } from "./edit-types";
import { loadReadableTemplate } from "./load-content-ref";
import type { MigrationOp } from "../template-model/migration-op";
import { draftInfo } from "./template-doc";

/** A template's published versions, newest first (without their content), and the draft's metadata for administrators. */
export async function listVersions(params: { actor: Actor | null; templateKey: string }): Promise<{ currentVersion: number; versions: VersionSummary[]; draft: DraftInfo | null }> {
  const { actor, templateKey } = params;
  const doc = await loadReadableTemplate(actor, templateKey);
  const docs = await TemplateVersionModel.find({ templateKey, version: { $lte: doc.currentVersion } }, { content: 0 }).sort({ version: -1 }).lean();
  const versions = docs.map((v) => ({
    version: v.version,
    note: v.note ?? "",
    publishedAt: v.publishedAt.toISOString(),
    publishedByName: v.publishedByName || (v.publishedBy === "system" ? "系统" : ""),
    isCurrent: v.version === doc.currentVersion,
    migration: (v.migration as { op?: MigrationOp } | undefined)?.op,
    impact: v.impact ? { total: v.impact.total ?? 0, failing: v.impact.failing ?? 0 } : undefined,
  }));
  return { currentVersion: doc.currentVersion, versions, draft: roleCan(actor!.role, "template.manage") ? draftInfo(doc) : null };
}
