import { withRoute } from "@/lib/api/with-route";
import { errorSheet } from "@/lib/imports/write-error-sheet";

type Params = { key: string; id: string };

// GET /api/templates/[key]/imports/[id]/errors?phase=check|run – the rows not taken, as an .xlsx with a reason column
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const phase = req.nextUrl.searchParams.get("phase") === "check" ? "check" : "run";
  const { stream, fileName } = await errorSheet({ actor, templateKey: params.key, id: params.id, phase, locale });
  return new Response(stream, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="errors.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
    },
  });
});
