import { withRoute } from "@/lib/api/with-route";
import { rejectProposal } from "@/lib/self-fill/decide-proposal";

// POST /api/templates/[key]/proposals/[id]/reject – close a customer's submission without taking (more of) it
export const POST = withRoute<{ key: string; id: string }>(async ({ params, actor, locale }) => {
  await rejectProposal({ actor, templateKey: params.key, proposalId: params.id, locale });
  return { ok: true };
});
