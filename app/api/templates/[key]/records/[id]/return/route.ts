import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { returnRecord } from "@/lib/verification/return-record";

// returnRecord checks revision and reason itself; the wrapper reads the object.
const body = z.object({ revision: z.unknown().optional(), reason: z.unknown().optional() });

// POST /api/templates/[key]/records/[id]/return – 退回 the record at { revision } to whoever entered it, with { reason }
export const POST = withRoute<{ key: string; id: string }, typeof body>({ body }, async ({ body, params, actor, locale }) => ({
  record: await returnRecord({ actor, templateKey: params.key, recordId: params.id, revision: body.revision, reason: body.reason, locale }),
}));
