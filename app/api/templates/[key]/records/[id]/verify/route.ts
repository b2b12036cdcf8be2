import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { verifyRecord } from "@/lib/verification/verify-record";

// POST /api/templates/[key]/records/[id]/verify – 核对通过 the record at { revision }
export const POST = withRoute<{ key: string; id: string }>(async ({ req, params, actor, locale }) => {
  const body = await readJsonObject(req);
  return { record: await verifyRecord({ actor, templateKey: params.key, recordId: params.id, revision: body.revision, locale }) };
});
