import { withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/messages";
import { selfFillValidatorScript } from "@/lib/self-fill/open-self-fill-link";
import { selfFillLimits } from "@/lib/self-fill/self-fill-limits";

type Params = { token: string };

// GET /api/public/self-fill/[token]/validator.js – the precompiled validators of the link's form
// (public: the token is the credential; an unusable link gets the same 404 as every other route)
export const GET = withRoute<Params>({ caller: "public", rateLimit: [{ limit: selfFillLimits.perAddress, key: ({ ip }) => `ip:${ip}` }] }, async ({ params }) => {
  const code = await selfFillValidatorScript(params.token);
  if (code === null) throw new DomainError("NOT_FOUND", msg("selfFill.unavailable"));
  return new Response(code, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "private, no-store" } });
});
