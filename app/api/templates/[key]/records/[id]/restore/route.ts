import { withRoute } from "@/lib/api/with-route";
import { restoreRecord } from "@/lib/records/restore-record";

// POST /api/templates/[key]/records/[id]/restore – bring a record back from the recycle bin
export const POST = withRoute<{ key: string; id: string }>(async ({ params, actor, locale }) =>
  restoreRecord({ actor, templateKey: params.key, recordId: params.id, locale }),
);
