import { withRoute } from "@/lib/api/with-route";
import { getValidatorScript } from "@/lib/templates/get-validator-script";

type Params = { key: string };

// GET /api/templates/[key]/validator.js?v=<version> | ?h=<hash> – the precompiled validators the browser's form runs
export const GET = withRoute<Params>(async ({ req, params, actor }) => {
  const search = req.nextUrl.searchParams;
  const v = search.get("v");
  const { code, immutable } = await getValidatorScript({ actor, templateKey: params.key, version: v === null ? undefined : Number(v), hash: search.get("h") ?? undefined });
  return new Response(code, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      // A version's script never changes (its URL names version and schema hash); a preview's lives briefly.
      "cache-control": immutable ? "private, max-age=31536000, immutable" : "private, no-store",
    },
  });
});
