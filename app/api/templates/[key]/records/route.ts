import { readJson, withRoute } from "@/lib/api/with-route";
import { createRecord } from "@/lib/records/create-record";
import { createRecordBody } from "@/lib/records/record-input";
import { listRecords } from "@/lib/records/list-records";
import { parseInput } from "@/lib/validation/parse-input";

type Params = { key: string };

// GET /api/templates/[key]/records – one page of records; filters, search and sort from the query string
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const { page, query } = await listRecords({ actor, templateKey: params.key, searchParams: req.nextUrl.searchParams, strict: true, locale });
  return { ...page, query };
});

// POST /api/templates/[key]/records – create a record: { data }
export const POST = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const body = parseInput(createRecordBody, await readJson(req));
  const record = await createRecord({ actor, templateKey: params.key, input: body.data, locale });
  return Response.json({ record }, { status: 201 });
});
