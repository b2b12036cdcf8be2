import { readJson, withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/messages";
import { deleteRecord } from "@/lib/records/delete-record";
import { getRecord } from "@/lib/records/get-record";
import { updateRecordBody } from "@/lib/records/record-input";
import { updateRecord } from "@/lib/records/update-record";
import { parseInput } from "@/lib/validation/parse-input";

type Params = { key: string; id: string };

// GET /api/templates/[key]/records/[id] – one record, personal data masked (?edit=1 for the edit form)
export const GET = withRoute<Params>(async ({ req, params, actor }) => ({
  record: await getRecord({ actor, templateKey: params.key, recordId: params.id, forEdit: req.nextUrl.searchParams.get("edit") === "1" }),
}));

// PUT /api/templates/[key]/records/[id] – save an edit: { data, revision }
export const PUT = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const body = parseInput(updateRecordBody, await readJson(req));
  const record = await updateRecord({ actor, templateKey: params.key, recordId: params.id, input: body.data, expectedRevision: body.revision, locale });
  return { record };
});

// DELETE /api/templates/[key]/records/[id]?revision=N – move to the recycle bin
export const DELETE = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const raw = req.nextUrl.searchParams.get("revision");
  const revision = raw === null ? undefined : Number(raw);
  if (revision !== undefined && (!Number.isInteger(revision) || revision < 1)) throw new DomainError("BAD_REQUEST", msg("api.positiveInt", { field: "revision" }));
  return deleteRecord({ actor, templateKey: params.key, recordId: params.id, expectedRevision: revision, locale });
});
