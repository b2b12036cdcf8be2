import { withRoute } from "@/lib/api/with-route";
import { revealBody } from "@/lib/records/record-input";
import { revealField } from "@/lib/records/reveal-field";

// POST /api/templates/[key]/records/[id]/reveal – show one masked value in full: { path } (audited)
export const POST = withRoute<{ key: string; id: string }, typeof revealBody>({ body: revealBody }, async ({ body, params, actor }) =>
  revealField({ actor, templateKey: params.key, recordId: params.id, path: body.path }),
);
