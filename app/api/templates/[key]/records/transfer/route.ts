import { readJson, withRoute } from "@/lib/api/with-route";
import { transferRecords } from "@/lib/records/transfer-records";

// POST /api/templates/[key]/records/transfer – 转移给…: { ids, toUserId }; one outcome per record (administrators)
export const POST = withRoute<{ key: string }>(async ({ req, params, actor, locale }) => {
  const outcomes = await transferRecords({ actor, templateKey: params.key, input: await readJson(req), locale });
  return {
    outcomes: outcomes.map((o) => (o.status === "refused" ? { recordId: o.recordId, status: o.status, error: o.error.localize(locale) } : o)),
  };
});
