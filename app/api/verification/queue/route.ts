import { withRoute } from "@/lib/api/with-route";
import { listVerificationQueue } from "@/lib/verification/list-verification-queue";

// GET /api/verification/queue?template=&enteredBy=&page=&size= – 待我核对, oldest first
export const GET = withRoute(async ({ req, actor }) => {
  const q = req.nextUrl.searchParams;
  const num = (name: string) => (q.get(name) ? Number(q.get(name)) : undefined);
  return listVerificationQueue({ actor, templateKey: q.get("template") ?? undefined, enteredBy: q.get("enteredBy") ?? undefined, page: num("page"), size: num("size") });
});
