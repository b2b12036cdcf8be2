import "server-only";
import { connectDb } from "../db/connect";
import { TemplateModel, TemplateVersionModel, type TemplateDoc } from "../db/models/template";
import { DomainError, notFound } from "../errors";
import { msg } from "../i18n/messages";
import type { TemplateContent } from "../schema/types";
import type { DraftInfo, TemplateAdminSummary } from "./edit-types";
import { toSummary } from "./list-templates";

export type StoredTemplate = TemplateDoc & { _id: string; updatedAt?: Date };

/** The template document, or 404. */
export async function loadTemplateDoc(key: string): Promise<StoredTemplate> {
  await connectDb();
  const doc = await TemplateModel.findById(key).lean();
  if (!doc) throw notFound(msg("templates.notFound", { template: key }));
  return doc as StoredTemplate;
}

/** Stored content (JSON text) parsed. */
export function parseContent(text: string): TemplateContent {
  return JSON.parse(text) as TemplateContent;
}

/** The summary of a template document with its revision. */
export function toAdminSummary(doc: StoredTemplate): TemplateAdminSummary {
  return { ...toSummary(doc), revision: doc.revision ?? 1 };
}

/** The draft's metadata. */
export function draftInfo(doc: StoredTemplate): DraftInfo | null {
  if (!doc.draft) return null;
  return { baseVersion: doc.draft.baseVersion, updatedAt: doc.draft.updatedAt.toISOString(), updatedByName: doc.draft.updatedByName ?? "" };
}

/** The content of a published version, straight from the database (not cached: used for admin reads). */
export async function loadVersionContent(key: string, version: number): Promise<TemplateContent> {
  await connectDb();
  const doc = await TemplateVersionModel.findById(`${key}@${version}`, { content: 1 }).lean();
  if (!doc) throw notFound(msg("templates.versionNotFound", { template: key, version }));
  return parseContent(doc.content);
}

/** The error for an edit that started from an older template revision than the stored one. */
export function templateConflict(doc: StoredTemplate, expected: number): DomainError {
  const who = doc.draft?.updatedByName ? msg("templates.changedBy", { name: doc.draft.updatedByName }) : "";
  return new DomainError("CONFLICT", msg("templates.changedMeanwhile", { who, expected, revision: doc.revision ?? 1 }), {
    details: { currentRevision: doc.revision, currentVersion: doc.currentVersion },
  });
}
