import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { roleCan } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/messages";
import { refreshRecordIndexes } from "@/lib/records/record-indexes";
import { cloneTemplate } from "@/lib/templates/clone-template";
import { createTemplate } from "@/lib/templates/create-template";
import { importTemplate } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { listTemplatesForAdmin } from "@/lib/templates/list-templates-admin";

// GET /api/templates – templates the user works with (administrators: all of them, archived and unpublished too, with revisions)
export const GET = withRoute(async ({ actor }) => ({
  templates: roleCan(actor.role, "template.manage") ? await listTemplatesForAdmin({ actor }) : await listTemplates(actor),
}));

const create = { blank: createTemplate, clone: cloneTemplate, import: importTemplate } as const;

// POST /api/templates – create a template: { mode: "blank" | "clone" | "import", …fields of that mode }
export const POST = withRoute(async ({ req, actor, locale }) => {
  const { mode, ...input } = await readJsonObject(req);
  // Own keys only: `"constructor" in create` is true too, and would "create" by calling Object.
  if (typeof mode !== "string" || !Object.hasOwn(create, mode)) throw new DomainError("BAD_REQUEST", msg("templates.createModeInvalid"));
  const template = await create[mode as keyof typeof create]({ actor, input, locale });
  // A clone or an imported template is published at once: its list may need new indexes.
  if (template.currentVersion > 0) await refreshRecordIndexes(template.key);
  return Response.json({ template }, { status: 201 });
});
