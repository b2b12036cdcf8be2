import { withRoute } from "@/lib/api/with-route";
import { createRecord } from "@/lib/records/create-record";
import { createRecordBody } from "@/lib/records/record-input";
import { listRecords } from "@/lib/records/list-records";

type Params = { key: string };

// GET /api/templates/[key]/records – one page of records; filters, search and sort from the query string
// (the whole query string: listRecords parses the list's URL syntax against the template)
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const { page, query } = await listRecords({ actor, templateKey: params.key, searchParams: req.nextUrl.searchParams, strict: true, locale });
  return { ...page, query };
});

// POST /api/templates/[key]/records – create a record: { data }
export const POST = withRoute<Params, typeof createRecordBody>({ body: createRecordBody }, async ({ body, params, actor, locale }) => {
  const record = await createRecord({ actor, templateKey: params.key, input: body.data, locale });
  return Response.json({ record }, { status: 201 });
});
