import { withRoute } from "@/lib/api/with-route";
import { listVersions } from "@/lib/templates/list-versions";

type Params = { key: string };

// GET /api/templates/[key]/versions – version history, newest first
export const GET = withRoute<Params>(async ({ params, actor }) => listVersions({ actor, templateKey: params.key }));
