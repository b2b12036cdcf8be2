import { withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { exportRecords } from "@/lib/exports/export-records";
import { msg } from "@/lib/i18n/messages";

type Params = { key: string };

/**
 * GET /api/templates/[key]/records/export?format=xlsx|csv&columns=list|all&tables=flat|sheets&personal=0|1&tz=…&ids=…
 * plus the list's own parameters (filters, q, sort, dir, trash) – the list view as a file, streamed.
 */
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => {
  // A link on another site must not make a signed-in reader's browser export (and audit) personal data.
  if (req.headers.get("sec-fetch-site") === "cross-site") throw new DomainError("FORBIDDEN", msg("exports.crossSite"));
  const { stream, fileName, contentType, count } = await exportRecords({ actor, templateKey: params.key, searchParams: req.nextUrl.searchParams, locale });
  const ascii = fileName.endsWith(".csv") ? "export.csv" : "export.xlsx";
  return new Response(stream, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
      "x-record-count": String(count),
    },
  });
});
