import type { Role } from "../shared/role";

/** A user as shown to administrators; never includes the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  revision: number;
}
