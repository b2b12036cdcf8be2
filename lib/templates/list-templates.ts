import "server-only";
import { cache } from "react";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TemplateModel, type TemplateDoc } from "../db/models/template";
import type { TemplateSummary } from "./types";

/** Maps a template document to its summary. */
export function toSummary(doc: TemplateDoc & { updatedAt?: Date }): TemplateSummary {
  return {
    key: doc._id,
    name: doc.name,
    productLine: doc.productLine ?? "",
    description: doc.description ?? "",
    status: (doc.status as "active" | "archived") ?? "active",
    currentVersion: doc.currentVersion ?? 0,
    hasDraft: Boolean(doc.draft),
    origin: doc.origin?.templateKey ? { templateKey: doc.origin.templateKey, version: doc.origin.version ?? 0 } : undefined,
    updatedAt: (doc.updatedAt ?? new Date(0)).toISOString(),
  };
}

/** Templates the actor can work with: published and active, by name. */
export const listTemplates = cache(async (actor: Actor | null, options: { includeArchived?: boolean } = {}): Promise<TemplateSummary[]> => {
  assertCan(actor, "template.read");
  await connectDb();
  const filter: Record<string, unknown> = options.includeArchived ? {} : { status: "active", currentVersion: { $gte: 1 } };
  const docs = await TemplateModel.find(filter).sort({ createdAt: 1 }).lean();
  return docs.map((d) => toSummary(d as TemplateDoc & { updatedAt?: Date }));
});
