import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { diffVersions } from "@/lib/templates/diff-versions";
import { versionRef } from "@/lib/templates/template-input";

type Params = { key: string };
// A missing version reads as "", which versionRef refuses with its own message.
const version = z.preprocess((v) => v ?? "", versionRef);
const query = z.object({ from: version, to: version });

// GET /api/templates/[key]/diff?from=1&to=draft – readable field-level diff between two versions (numbers or "draft")
export const GET = withRoute<Params, undefined, typeof query>({ query }, async ({ query, params, actor, locale }) =>
  diffVersions({ actor, templateKey: params.key, from: query.from, to: query.to, locale }),
);
