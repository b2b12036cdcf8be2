import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { verifyRecords } from "@/lib/verification/verify-records";

// POST /api/verification/bulk – 批量核对 { items: [{ templateKey, recordId, revision }] }; one outcome per record
export const POST = withRoute(async ({ req, actor, locale }) => {
  const body = await readJsonObject(req);
  const outcomes = await verifyRecords({ actor, items: body.items, locale });
  return {
    outcomes: outcomes.map((o) => (o.status === "verified" ? o : { recordId: o.recordId, status: o.status, error: o.error.localize(locale) })),
  };
});
