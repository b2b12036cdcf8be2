import { z } from "zod";
import { ROLES } from "../auth/roles";
import { zodKey } from "../validation/parse-input";

/** Fields an administrator sends to create a user. */
export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().email(zodKey("users.emailInvalid")).max(200),
    name: z.string().trim().min(1, zodKey("users.nameRequired")).max(50, zodKey("users.nameTooLong")),
    role: z.enum(ROLES, { message: zodKey("users.roleRequired") }),
    password: z.string().min(1, zodKey("users.passwordRequired")),
  })
  .strict();

/** Fields an administrator may change on a user; `revision` guards against concurrent edits. */
export const updateUserInput = z
  .object({
    revision: z.number().int().positive(),
    name: z.string().trim().min(1, zodKey("users.nameRequired")).max(50).optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    password: z.string().min(1).optional(),
  })
  .strict();

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
