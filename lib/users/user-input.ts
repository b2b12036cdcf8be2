import { z } from "zod";
import { ROLES } from "../shared/role";
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
    teamId: z.string().regex(/^[a-f0-9]{24}$/, zodKey("users.teamNotFound")).nullable().optional(),
    password: z.string().min(1).optional(),
  })
  .strict();

/** A team's name, as an administrator types it (create and rename). */
export const teamInput = z
  .object({
    name: z.string().trim().min(1, zodKey("users.teamNameRequired")).max(50, zodKey("users.teamNameTooLong")),
    revision: z.number().int().positive().optional(),
  })
  .strict();

/** A team's deletion: the revision it was seen at. */
export const teamRevisionInput = z.object({ revision: z.number().int().positive() }).strict();

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
