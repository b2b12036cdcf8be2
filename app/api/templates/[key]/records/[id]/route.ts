import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { deleteRecord } from "@/lib/records/delete-record";
import { getRecord } from "@/lib/records/get-record";
import { updateRecordBody } from "@/lib/records/record-input";
import { updateRecord } from "@/lib/records/update-record";
import { zodKey } from "@/lib/validation/parse-input";

type Params = { key: string; id: string };
const getQuery = z.object({ edit: z.string().optional().transform((v) => v === "1") });
const notPositive = { message: zodKey("api.positiveInt") };
// Without ?revision= the delete does not check the revision (older clients).
const deleteQuery = z.object({ revision: z.coerce.number(notPositive).int(notPositive).min(1, notPositive).optional() });

// GET /api/templates/[key]/records/[id] – one record, personal data masked (?edit=1 for the edit form)
export const GET = withRoute<Params, undefined, typeof getQuery>({ query: getQuery }, async ({ query, params, actor }) => ({
  record: await getRecord({ actor, templateKey: params.key, recordId: params.id, forEdit: query.edit }),
}));

// PUT /api/templates/[key]/records/[id] – save an edit: { data, revision }
export const PUT = withRoute<Params, typeof updateRecordBody>({ body: updateRecordBody }, async ({ body, params, actor, locale }) => {
  const record = await updateRecord({ actor, templateKey: params.key, recordId: params.id, input: body.data, expectedRevision: body.revision, locale });
  return { record };
});

// DELETE /api/templates/[key]/records/[id]?revision=N – move to the recycle bin
export const DELETE = withRoute<Params, undefined, typeof deleteQuery>({ query: deleteQuery }, async ({ query, params, actor, locale }) =>
  deleteRecord({ actor, templateKey: params.key, recordId: params.id, expectedRevision: query.revision, locale }),
);
