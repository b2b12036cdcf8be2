import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TemplateModel } from "../db/models/template";
import type { TemplateAdminSummary } from "./edit-types";
import { toAdminSummary, type StoredTemplate } from "./template-doc";

/**
 * Every template for the templates page (administrators): archived and unpublished ones too,
 * each with the revision its info edits must quote. Oldest first, like the sidebar.
 */
export async function listTemplatesForAdmin(params: { actor: Actor | null }): Promise<TemplateAdminSummary[]> {
  assertCan(params.actor, "template.manage");
  await connectDb();
  // Drafts are JSON text of the whole schema; the list needs only to know one exists.
  const docs = await TemplateModel.find({}, { "draft.content": 0 }).sort({ createdAt: 1 }).lean();
  return docs.map((d) => toAdminSummary(d as StoredTemplate));
}
