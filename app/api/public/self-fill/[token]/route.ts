import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { linkLimitKey, selfFillLimits } from "@/lib/self-fill/self-fill-limits";
import { SELF_FILL_MAX_BYTES, submitSelfFill } from "@/lib/self-fill/submit-self-fill";

type Params = { token: string };
// The submission is checked by submitSelfFill against the link's form: the wrapper only reads it (capped smaller).
const body = z.unknown();

// POST /api/public/self-fill/[token] – a customer's submission through a self-fill link { data, consent } (public: the token is the credential)
export const POST = withRoute<Params, typeof body>(
  {
    caller: "public",
    rateLimit: [
      { limit: selfFillLimits.perLink, key: ({ params }) => linkLimitKey(params.token) },
      { limit: selfFillLimits.perAddress, key: ({ ip }) => `ip:${ip}` },
    ],
    body,
    maxBytes: SELF_FILL_MAX_BYTES,
  },
  async ({ body, params, ip, locale }) => submitSelfFill({ token: params.token, body, ip, locale }),
);
