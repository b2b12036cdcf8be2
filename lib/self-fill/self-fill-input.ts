import { z } from "zod";

/** Body of making a self-fill link. */
export const createLinkInput = z
  .object({
    templateKey: z.string().max(64),
    recordId: z.string().max(24).nullable().optional(),
    sections: z.array(z.string().max(64)).max(100).optional(),
    expiresInDays: z.number().int().min(1).max(30).optional(),
    once: z.boolean().optional(),
  })
  .strict();

/** Body of accepting fields of a customer's submission: which (or all), from the revision seen. */
export const acceptProposalInput = z
  .object({ paths: z.union([z.literal("all"), z.array(z.string().max(500)).min(1).max(2000)]), revision: z.number().int().positive() })
  .strict();
