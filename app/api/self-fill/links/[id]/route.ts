import { withRoute } from "@/lib/api/with-route";
import { revokeSelfFillLink } from "@/lib/self-fill/revoke-self-fill-link";

// DELETE /api/self-fill/links/[id] – revoke a self-fill link: it opens nothing from now on
export const DELETE = withRoute<{ id: string }>(async ({ params, actor }) => ({ link: await revokeSelfFillLink({ actor, linkId: params.id }) }));
