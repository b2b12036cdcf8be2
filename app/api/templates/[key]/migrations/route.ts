import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/messages";
import { listMigrations } from "@/lib/migrations/get-migration";
import { previewMigration } from "@/lib/migrations/preview-migration";
import { startMigration } from "@/lib/migrations/start-migration";

type Params = { key: string };

// GET /api/templates/[key]/migrations – the template's key/type migrations, newest first
export const GET = withRoute<Params>(async ({ params, actor }) => ({ migrations: await listMigrations({ actor, templateKey: params.key }) }));

// POST /api/templates/[key]/migrations – { mode: "preview", op } or { mode: "start", op, note? }
export const POST = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const { mode, ...input } = await readJsonObject(req);
  if (mode === "preview") return previewMigration({ actor, templateKey: params.key, op: input.op, locale });
  if (mode !== "start") throw new DomainError("BAD_REQUEST", msg("migrations.modeInvalid"));
  const migration = await startMigration({ actor, templateKey: params.key, input });
  return Response.json({ migration }, { status: 202 });
});
