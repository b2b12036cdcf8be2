import type { Role } from "../auth/roles";

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
