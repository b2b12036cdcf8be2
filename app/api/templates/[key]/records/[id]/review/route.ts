import { withRoute } from "@/lib/api/with-route";
import { getVerificationReview } from "@/lib/verification/get-verification-review";

// GET /api/templates/[key]/records/[id]/review – what a reviewer checks: the record, or its change since the last verification
export const GET = withRoute<{ key: string; id: string }>(async ({ params, actor, locale }) =>
  getVerificationReview({ actor, templateKey: params.key, recordId: params.id, locale }),
);
