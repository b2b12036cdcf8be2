import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { verifyRecords } from "@/lib/verification/verify-records";

// verifyRecords checks the items itself; the wrapper reads the object.
const body = z.object({ items: z.unknown().optional() });

// POST /api/verification/bulk – 批量核对 { items: [{ templateKey, recordId, revision }] }; one outcome per record
export const POST = withRoute({ body }, async ({ body, actor, locale }) => {
  const outcomes = await verifyRecords({ actor, items: body.items, locale });
  return {
    outcomes: outcomes.map((o) => (o.status === "verified" ? o : { recordId: o.recordId, status: o.status, error: o.error.localize(locale) })),
  };
});
