import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { listVerificationQueue } from "@/lib/verification/list-verification-queue";

// listVerificationQueue checks page and size itself: an empty one means its default.
const number = z.string().optional().transform((v) => (v ? Number(v) : undefined));
const query = z.object({ template: z.string().optional(), enteredBy: z.string().optional(), page: number, size: number });

// GET /api/verification/queue?template=&enteredBy=&page=&size= – 待我核对, oldest first
export const GET = withRoute({ query }, async ({ query, actor }) =>
  listVerificationQueue({ actor, templateKey: query.template, enteredBy: query.enteredBy, page: query.page, size: query.size }),
);
