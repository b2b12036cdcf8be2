import { withRoute } from "@/lib/api/with-route";
import { acceptProposal } from "@/lib/self-fill/decide-proposal";
import { acceptProposalInput } from "@/lib/self-fill/self-fill-input";

// POST /api/templates/[key]/proposals/[id]/accept – accept fields of a customer's submission { paths: [...] | "all", revision }
export const POST = withRoute<{ key: string; id: string }, typeof acceptProposalInput>({ body: acceptProposalInput }, async ({ body, params, actor, locale }) =>
  acceptProposal({ actor, templateKey: params.key, proposalId: params.id, paths: body.paths, revision: body.revision, locale }),
);
