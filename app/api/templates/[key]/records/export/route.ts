import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { exportRecords } from "@/lib/exports/export-records";
import { msg } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locale";
import type { Actor } from "@/lib/auth/roles";
import type { NextRequest } from "next/server";

type Params = { key: string };

/**
 * GET /api/templates/[key]/records/export?format=xlsx|csv&columns=list|all&tables=flat|sheets&personal=0|1&tz=…&ids=…
 * plus the list's own parameters (filters, q, sort, dir, trash) – the list view as a file, streamed.
 */
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => download(req, params, actor, locale, req.nextUrl.searchParams));

/**
 * POST with the same query string and the ticked records in the body, `{ "ids": [...] }` (up to
 * 1,000): that many ids in the address (~25 characters each) pass the server's 16 KB limit on a
 * request's headers, and ~650 got a bare 431 with an empty body (tester round 9 P2-6).
 */
const body = z.object({ ids: z.array(z.string()) });
export const POST = withRoute<Params, typeof body>({ body }, async ({ req, params, actor, locale, body }) => {
  const searchParams = new URLSearchParams(req.nextUrl.searchParams);
  searchParams.set("ids", body.ids.join(","));
  return download(req, params, actor, locale, searchParams);
});

async function download(req: NextRequest, params: Params, actor: Actor, locale: Locale, searchParams: URLSearchParams): Promise<Response> {
  // A link on another site must not make a signed-in reader's browser export (and audit) personal data.
  if (req.headers.get("sec-fetch-site") === "cross-site") throw new DomainError("FORBIDDEN", msg("exports.crossSite"));
  const { stream, fileName, contentType, count } = await exportRecords({ actor, templateKey: params.key, searchParams, locale });
  const ascii = fileName.endsWith(".csv") ? "export.csv" : "export.xlsx";
  return new Response(stream, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
      "x-record-count": String(count),
    },
  });
}
