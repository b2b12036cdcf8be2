import { withRoute } from "@/lib/api/with-route";
import { diffVersions } from "@/lib/templates/diff-versions";
import { versionRef } from "@/lib/templates/template-input";
import { parseInput } from "@/lib/validation/parse-input";

type Params = { key: string };

// GET /api/templates/[key]/diff?from=1&to=draft – readable field-level diff between two versions (numbers or "draft")
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const q = req.nextUrl.searchParams;
  const from = parseInput(versionRef, q.get("from") ?? "");
  const to = parseInput(versionRef, q.get("to") ?? "");
  return diffVersions({ actor, templateKey: params.key, from, to, locale });
});
