import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { getImport } from "@/lib/imports/load-import";
import { updateImport } from "@/lib/imports/update-import";

type Params = { key: string; id: string };
// updateImport parses its input itself; the wrapper reads it.
const body = z.unknown();

// GET /api/templates/[key]/imports/[id] – one import: its file, mapping, and its check's and run's progress
export const GET = withRoute<Params>(async ({ params, actor }) => ({ import: await getImport({ actor, templateKey: params.key, id: params.id }) }));

// PATCH /api/templates/[key]/imports/[id] – change sheet, encoding, mapping, key or mode: { sheet?, encoding?, mapping?, keyField?, mode? }
export const PATCH = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => ({
  import: await updateImport({ actor, templateKey: params.key, id: params.id, input: body }),
}));
