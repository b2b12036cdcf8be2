import { readUpload } from "@/lib/api/read-upload";
import { withRoute } from "@/lib/api/with-route";
import { createImport } from "@/lib/imports/create-import";
import { listImports } from "@/lib/imports/list-imports";

type Params = { key: string };

// GET /api/templates/[key]/imports – the template's import history, newest first
export const GET = withRoute<Params>(async ({ params, actor }) => ({ imports: await listImports({ actor, templateKey: params.key }) }));

// POST /api/templates/[key]/imports – upload a spreadsheet (the raw file as the body; its name in X-File-Name, URI-encoded)
export const POST = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const { body, fileName } = readUpload(req, "import");
  const view = await createImport({ actor, templateKey: params.key, fileName, body, locale });
  return Response.json({ import: view }, { status: 201 });
});
