import { withRoute } from "@/lib/api/with-route";
import { recordHistory } from "@/lib/records/record-history";

// GET /api/templates/[key]/records/[id]/history – who changed what, newest first
export const GET = withRoute<{ key: string; id: string }>(async ({ params, actor }) => ({
  history: await recordHistory({ actor, templateKey: params.key, recordId: params.id }),
}));
