import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { listMigrations } from "@/lib/migrations/get-migration";
import { previewMigration } from "@/lib/migrations/preview-migration";
import { startMigration } from "@/lib/migrations/start-migration";
import { zodKey } from "@/lib/validation/parse-input";

type Params = { key: string };
// The mode picks the service; the services check the rest (op, note) themselves.
const body = z.object({ mode: z.enum(["preview", "start"], { message: zodKey("migrations.modeInvalid") }) }).loose();

// GET /api/templates/[key]/migrations – the template's key/type migrations, newest first
export const GET = withRoute<Params>(async ({ params, actor }) => ({ migrations: await listMigrations({ actor, templateKey: params.key }) }));

// POST /api/templates/[key]/migrations – { mode: "preview", op } or { mode: "start", op, note? }
export const POST = withRoute<Params, typeof body>({ body }, async ({ body, params, actor, locale }) => {
  const { mode, ...input } = body;
  if (mode === "preview") return previewMigration({ actor, templateKey: params.key, op: input.op, locale });
  const migration = await startMigration({ actor, templateKey: params.key, input });
  return Response.json({ migration }, { status: 202 });
});
