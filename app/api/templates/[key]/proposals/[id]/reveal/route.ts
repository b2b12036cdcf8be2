import { withRoute } from "@/lib/api/with-route";
import { revealBody } from "@/lib/records/record-input";
import { revealProposedValue } from "@/lib/self-fill/reveal-proposed-value";

// POST /api/templates/[key]/proposals/[id]/reveal – show one masked value a customer proposed in full: { path } (audited)
export const POST = withRoute<{ key: string; id: string }, typeof revealBody>({ body: revealBody }, async ({ body, params, actor, locale }) =>
  revealProposedValue({ actor, templateKey: params.key, proposalId: params.id, path: body.path, locale }),
);
