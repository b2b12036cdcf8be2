import { z } from "zod";
import { ROLES } from "../auth/roles";

/** Fields an administrator sends to create a user. */
export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().email("请输入有效的邮箱").max(200),
    name: z.string().trim().min(1, "请填写姓名").max(50, "姓名最多 50 个字符"),
    role: z.enum(ROLES, { message: "请选择角色" }),
    password: z.string().min(1, "请填写初始密码"),
  })
  .strict();

/** Fields an administrator may change on a user; `revision` guards against concurrent edits. */
export const updateUserInput = z
  .object({
    revision: z.number().int().positive(),
    name: z.string().trim().min(1, "请填写姓名").max(50).optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    password: z.string().min(1).optional(),
  })
  .strict();

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
