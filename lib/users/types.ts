import type { Role } from "../shared/role";

/** A team of users as administrators see it. */
export interface TeamView {
  id: string;
  name: string;
  revision: number;
}

/** A user as shown to administrators; never includes the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** The user's team, or null (a "team" data scope then shows their own records only). */
  teamId: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  revision: number;
}
