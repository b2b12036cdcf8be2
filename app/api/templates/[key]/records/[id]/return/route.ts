import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { returnRecord } from "@/lib/verification/return-record";

// POST /api/templates/[key]/records/[id]/return – 退回 the record at { revision } to whoever entered it, with { reason }
export const POST = withRoute<{ key: string; id: string }>(async ({ req, params, actor, locale }) => {
  const body = await readJsonObject(req);
  return { record: await returnRecord({ actor, templateKey: params.key, recordId: params.id, revision: body.revision, reason: body.reason, locale }) };
});
