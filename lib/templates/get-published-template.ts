import "server-only";
import { cache } from "react";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TemplateModel, TemplateVersionModel } from "../db/models/template";
import { notFound } from "../errors";
import { msg } from "../i18n/messages";
import { withDerivedPii } from "../schema/derived-pii";
import { listFields } from "../schema/fields";
import type { TemplateContent } from "../schema/types";
import type { PublishedTemplate } from "./types";

// Published versions never change, so a parsed version is kept for the life of the process.
const versions = new Map<string, PublishedTemplate>();

/** A published version of a template, loaded once per process. */
export async function loadVersion(key: string, version: number): Promise<PublishedTemplate> {
  const id = `${key}@${version}`;
  const hit = versions.get(id);
  if (hit) return hit;
  await connectDb();
  const [doc, tpl] = await Promise.all([TemplateVersionModel.findById(id).lean(), TemplateModel.findById(key).lean()]);
  if (!doc || !tpl) throw notFound(msg("templates.versionMissing", { template: key, version }));
  const stored = JSON.parse(doc.content) as TemplateContent;
  // Birth date and gender read off a personal ID are personal data too (see withDerivedPii).
  const content: TemplateContent = { ...stored, schema: withDerivedPii(stored.schema) };
  const published: PublishedTemplate = {
    key,
    name: tpl.name,
    productLine: tpl.productLine ?? "",
    description: tpl.description ?? "",
    version,
    content,
    fields: listFields(content.schema, content.uiSchema),
  };
  versions.set(id, published);
  return published;
}

/**
 * The current published version of a template, for an actor allowed to read it. Name and
 * description come from the template itself, so renaming does not need a new version.
 */
export const getPublishedTemplate = cache(async (actor: Actor | null, key: string): Promise<PublishedTemplate> => {
  assertCan(actor, "template.read");
  await connectDb();
  const tpl = await TemplateModel.findById(key).lean();
  if (!tpl || tpl.currentVersion < 1) throw notFound(msg("templates.notPublished"));
  const version = await loadVersion(key, tpl.currentVersion);
  return { ...version, name: tpl.name, productLine: tpl.productLine ?? "", description: tpl.description ?? "", archived: tpl.status === "archived" };
});
