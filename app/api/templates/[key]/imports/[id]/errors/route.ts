import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { errorSheet } from "@/lib/imports/write-error-sheet";

type Params = { key: string; id: string };
// Anything but "check" asks for the run's rows, as the page's links always did.
const query = z.object({ phase: z.string().optional().transform((v) => (v === "check" ? "check" : "run")) });

// GET /api/templates/[key]/imports/[id]/errors?phase=check|run – the rows not taken, as an .xlsx with a reason column
export const GET = withRoute<Params, undefined, typeof query>({ query }, async ({ query, params, actor, locale }) => {
  const { stream, fileName } = await errorSheet({ actor, templateKey: params.key, id: params.id, phase: query.phase, locale });
  return new Response(stream, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="errors.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
    },
  });
});
