import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { templateKeyFromName } from "../template-model/keys";
import { blankModel } from "../template-model/new-field";
import { toContent } from "../template-model/to-content";
import { connectDb } from "../db/connect";
import { TemplateModel } from "../db/models/template";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import type { TemplateContent } from "../schema/types";
import { parseInput } from "../validation/parse-input";
import type { TemplateAdminSummary } from "./edit-types";
import { toAdminSummary, type StoredTemplate } from "./template-doc";
import { createTemplateInput } from "./template-input";

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** `base`, or `base-2`, `base-3`… — the first key no template uses. */
export async function freeTemplateKey(base: string): Promise<string> {
  await connectDb();
  for (let i = 1; i < 1000; i++) {
    const key = i === 1 ? base : `${base.slice(0, 58)}-${i}`;
    if (!(await TemplateModel.exists({ _id: key }))) return key;
  }
  throw new DomainError("CONFLICT", msg("templates.noFreeKey"));
}

/**
 * Inserts a template document whose content is a draft (not yet published). A given key that
 * exists is a conflict; a derived key moves on to the next free one.
 */
export async function insertTemplate(params: {
  actor: Actor;
  key?: string;
  name: string;
  productLine?: string;
  description?: string;
  content: TemplateContent;
  origin?: { templateKey: string; version: number };
}): Promise<StoredTemplate> {
  const { actor, name } = params;
  await connectDb();
  for (let attempt = 0; attempt < 5; attempt++) {
    const key = params.key ?? (await freeTemplateKey(templateKeyFromName(name)));
    const doc = {
      _id: key,
      name,
      productLine: params.productLine ?? "",
      description: params.description ?? "",
      status: "active" as const,
      origin: params.origin,
      currentVersion: 0,
      draft: { content: JSON.stringify(params.content), baseVersion: 0, updatedAt: new Date(), updatedBy: actor.id, updatedByName: actor.name },
      revision: 1,
      createdBy: actor.id,
    };
    try {
      const created = await TemplateModel.create(doc);
      return created.toObject() as StoredTemplate;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      if (params.key)
        throw new DomainError("CONFLICT", msg("templates.keyTaken", { key }), { fieldErrors: [{ path: "/key", label: msg("templates.keyLabel"), message: msg("templates.keyTaken", { key }), keyword: "unique" }] });
    }
  }
  throw new DomainError("CONFLICT", msg("templates.keyClash"));
}

/** Creates a blank template (administrators): an empty draft to add sections and fields to. */
export async function createTemplate(params: { actor: Actor | null; input: unknown }): Promise<TemplateAdminSummary> {
  const { actor } = params;
  assertCan(actor, "template.manage");
  const input = parseInput(createTemplateInput, params.input);
  const doc = await insertTemplate({ actor, ...input, content: toContent(blankModel(input.name)) });
  await writeAuditEvent({ id: `template:${doc._id}:create`, actor, action: "template.create", entity: "template", entityId: doc._id, templateKey: doc._id, revision: 1, meta: { name: doc.name } });
  return toAdminSummary(doc);
}
