import { withRoute } from "@/lib/api/with-route";
import { createSelfFillLink } from "@/lib/self-fill/create-self-fill-link";
import { linkQrSvg } from "@/lib/self-fill/link-qr";
import { listSelfFillLinks } from "@/lib/self-fill/list-self-fill-links";
import { createLinkInput } from "@/lib/self-fill/self-fill-input";

// GET /api/self-fill/links – the signed-in user's self-fill links, newest first
export const GET = withRoute(async ({ actor }) => ({ links: await listSelfFillLinks({ actor }) }));

// POST /api/self-fill/links – make a link { templateKey, recordId?, sections?, expiresInDays?, once? }; the token is in this answer only
export const POST = withRoute({ body: createLinkInput }, async ({ req, body, actor, locale }) => {
  const { token, link } = await createSelfFillLink({ actor, ...body, locale });
  const url = `${req.nextUrl.origin}/f/${token}`;
  return { link, url, qrSvg: await linkQrSvg(url) };
});
