import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { verifyRecord } from "@/lib/verification/verify-record";

// verifyRecord checks the revision itself; the wrapper reads the object.
const body = z.object({ revision: z.unknown().optional() });

// POST /api/templates/[key]/records/[id]/verify – 核对通过 the record at { revision }
export const POST = withRoute<{ key: string; id: string }, typeof body>({ body }, async ({ body, params, actor, locale }) => ({
  record: await verifyRecord({ actor, templateKey: params.key, recordId: params.id, revision: body.revision, locale }),
}));
