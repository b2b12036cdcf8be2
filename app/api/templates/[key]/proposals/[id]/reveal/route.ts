import { readJson, withRoute } from "@/lib/api/with-route";
import { revealBody } from "@/lib/records/record-input";
import { revealProposedValue } from "@/lib/self-fill/reveal-proposed-value";
import { parseInput } from "@/lib/validation/parse-input";

// POST /api/templates/[key]/proposals/[id]/reveal – show one masked value a customer proposed in full: { path } (audited)
export const POST = withRoute<{ key: string; id: string }>(async ({ req, params, actor, locale }) => {
  const { path } = parseInput(revealBody, await readJson(req));
  return revealProposedValue({ actor, templateKey: params.key, proposalId: params.id, path, locale });
});
