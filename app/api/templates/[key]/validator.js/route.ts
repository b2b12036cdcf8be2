import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { getValidatorScript } from "@/lib/templates/get-validator-script";

type Params = { key: string };
// getValidatorScript checks the version and hash itself.
const query = z.object({ v: z.string().optional().transform((v) => (v === undefined ? undefined : Number(v))), h: z.string().optional() });

// GET /api/templates/[key]/validator.js?v=<version> | ?h=<hash> – the precompiled validators the browser's form runs
export const GET = withRoute<Params, undefined, typeof query>({ query }, async ({ query, params, actor }) => {
  const { code, immutable } = await getValidatorScript({ actor, templateKey: params.key, version: query.v, hash: query.h });
  return new Response(code, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      // A version's script never changes (its URL names version and schema hash); a preview's lives briefly.
      "cache-control": immutable ? "private, max-age=31536000, immutable" : "private, no-store",
    },
  });
});
