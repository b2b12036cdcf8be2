import { readJson, withRoute } from "@/lib/api/with-route";
import { revealBody } from "@/lib/records/record-input";
import { revealField } from "@/lib/records/reveal-field";
import { parseInput } from "@/lib/validation/parse-input";

// POST /api/templates/[key]/records/[id]/reveal – show one masked value in full: { path } (audited)
export const POST = withRoute<{ key: string; id: string }>(async ({ req, params, actor }) => {
  const { path } = parseInput(revealBody, await readJson(req));
  return revealField({ actor, templateKey: params.key, recordId: params.id, path });
});
