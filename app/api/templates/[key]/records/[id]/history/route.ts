import { withRoute } from "@/lib/api/with-route";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/messages";
import { recordHistoryPage, type HistoryKind } from "@/lib/records/record-history";

const KINDS: HistoryKind[] = ["changes", "reveals", "all"];

// GET /api/templates/[key]/records/[id]/history?kind=changes|reveals|all&page=N – who changed or saw what, newest first, 50 a page
export const GET = withRoute<{ key: string; id: string }>(async ({ req, params, actor }) => {
  const kind = (req.nextUrl.searchParams.get("kind") ?? "all") as HistoryKind;
  const rawPage = req.nextUrl.searchParams.get("page") ?? "1";
  if (!KINDS.includes(kind) || !/^\d{1,5}$/.test(rawPage) || Number(rawPage) < 1) throw new DomainError("BAD_REQUEST", msg("api.badHistoryQuery"));
  const { entries, page, hasMore } = await recordHistoryPage({ actor, templateKey: params.key, recordId: params.id, kind, page: Number(rawPage), size: 50 });
  return { history: entries, page, hasMore };
});
