import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { exportTemplate } from "@/lib/templates/export-template";
import { versionRef } from "@/lib/templates/template-input";

type Params = { key: string };
const query = z.object({ version: versionRef.optional() });

// GET /api/templates/[key]/export?version=N|draft – the template as a JSON file download (current version by default)
export const GET = withRoute<Params, undefined, typeof query>({ query }, async ({ query, params, actor }) => {
  const doc = await exportTemplate({ actor, templateKey: params.key, version: query.version });
  const filename = `${doc.key}-${doc.version === "draft" ? "draft" : `v${doc.version}`}.json`;
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${doc.name}-${filename}`)}`,
      "cache-control": "no-store",
    },
  });
});
