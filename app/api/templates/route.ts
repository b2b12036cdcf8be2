import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { roleCan } from "@/lib/auth/roles";
import { refreshRecordIndexes } from "@/lib/records/record-indexes";
import { cloneTemplate } from "@/lib/templates/clone-template";
import { createTemplate } from "@/lib/templates/create-template";
import { importTemplate } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { listTemplatesForAdmin } from "@/lib/templates/list-templates-admin";
import { zodKey } from "@/lib/validation/parse-input";

// GET /api/templates – templates the user works with (administrators: all of them, archived and unpublished too, with revisions)
export const GET = withRoute(async ({ actor }) => ({
  templates: roleCan(actor.role, "template.manage") ? await listTemplatesForAdmin({ actor }) : await listTemplates(actor),
}));

const create = { blank: createTemplate, clone: cloneTemplate, import: importTemplate } as const;
// The mode picks the service (only these three: never a prototype name such as "constructor");
// each service checks the rest of the body itself.
const body = z.object({ mode: z.enum(["blank", "clone", "import"], { message: zodKey("templates.createModeInvalid") }) }).loose();

// POST /api/templates – create a template: { mode: "blank" | "clone" | "import", …fields of that mode }
export const POST = withRoute({ body }, async ({ body, actor, locale }) => {
  const { mode, ...input } = body;
  const template = await create[mode]({ actor, input, locale });
  // A clone or an imported template is published at once: its list may need new indexes.
  if (template.currentVersion > 0) await refreshRecordIndexes(template.key);
  return Response.json({ template }, { status: 201 });
});
