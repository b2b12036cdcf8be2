import { withRoute } from "@/lib/api/with-route";
import { exportTemplate } from "@/lib/templates/export-template";
import { versionRef } from "@/lib/templates/template-input";
import { parseInput } from "@/lib/validation/parse-input";

type Params = { key: string };

// GET /api/templates/[key]/export?version=N|draft – the template as a JSON file download (current version by default)
export const GET = withRoute<Params>(async ({ req, params, actor }) => {
  const raw = req.nextUrl.searchParams.get("version");
  const version = raw === null ? undefined : parseInput(versionRef, raw);
  const doc = await exportTemplate({ actor, templateKey: params.key, version });
  const filename = `${doc.key}-${doc.version === "draft" ? "draft" : `v${doc.version}`}.json`;
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${doc.name}-${filename}`)}`,
      "cache-control": "no-store",
    },
  });
});
