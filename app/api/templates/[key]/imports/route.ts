import { withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/messages";
import { createImport } from "@/lib/imports/create-import";
import { listImports } from "@/lib/imports/list-imports";

type Params = { key: string };

// GET /api/templates/[key]/imports – the template's import history, newest first
export const GET = withRoute<Params>(async ({ params, actor }) => ({ imports: await listImports({ actor, templateKey: params.key }) }));

// POST /api/templates/[key]/imports – upload a spreadsheet (the raw file as the body; its name in X-File-Name, URI-encoded)
export const POST = withRoute<Params>(async ({ req, params, actor, locale }) => {
  if (!req.body) throw new DomainError("BAD_REQUEST", msg("imports.emptyFile"));
  let fileName = "import";
  try {
    fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "import");
  } catch {
    // a malformed name is not worth refusing the file for
  }
  const view = await createImport({ actor, templateKey: params.key, fileName, body: req.body, locale });
  return Response.json({ import: view }, { status: 201 });
});
