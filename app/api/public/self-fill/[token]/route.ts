import { readJson, withRoute } from "@/lib/api/with-route";
import { linkLimitKey, selfFillLimits } from "@/lib/self-fill/self-fill-limits";
import { SELF_FILL_MAX_BYTES, submitSelfFill } from "@/lib/self-fill/submit-self-fill";

type Params = { token: string };

// POST /api/public/self-fill/[token] – a customer's submission through a self-fill link { data, consent } (public: the token is the credential)
export const POST = withRoute<Params>(
  {
    caller: "public",
    rateLimit: [
      { limit: selfFillLimits.perLink, key: ({ params }) => linkLimitKey(params.token) },
      { limit: selfFillLimits.perAddress, key: ({ ip }) => `ip:${ip}` },
    ],
  },
  async ({ req, params, ip, locale }) => submitSelfFill({ token: params.token, body: await readJson(req, { maxBytes: SELF_FILL_MAX_BYTES }), ip, locale }),
);
