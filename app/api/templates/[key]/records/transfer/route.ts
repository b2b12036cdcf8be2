import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { transferRecords } from "@/lib/records/transfer-records";

// transferRecords parses its input itself; the wrapper reads it.
const body = z.unknown();

// POST /api/templates/[key]/records/transfer – 转移给…: { ids, toUserId }; one outcome per record (administrators)
export const POST = withRoute<{ key: string }, typeof body>({ body }, async ({ body, params, actor, locale }) => {
  const outcomes = await transferRecords({ actor, templateKey: params.key, input: body, locale });
  return {
    outcomes: outcomes.map((o) => (o.status === "refused" ? { recordId: o.recordId, status: o.status, error: o.error.localize(locale) } : o)),
  };
});
