import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { DomainError } from "../errors";
import { env } from "../env";
import { localeFromCookieHeader } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import { isRole } from "../shared/role";
import { log } from "../log/log";

/** next-auth configuration: email + password, JWT sessions of eight hours, our own sign-in page. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        const locale = localeFromCookieHeader((req?.headers as Record<string, unknown> | undefined)?.cookie);
        try {
          const actor = await authenticate({ email, password, ip: clientIp(req?.headers, env.proxyHops) });
          return { id: actor.id, name: actor.name, email: actor.email, role: actor.role };
        } catch (err) {
          // next-auth passes the message to the sign-in page as `error`.
          if (err instanceof DomainError) throw new Error(err.messageIn(locale));
          log.error("auth", "sign-in failed", err);
          throw new Error(translate(locale, "auth.unavailable"));
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        session.user.role = isRole(token.role) ? token.role : "viewer";
      }
      return session;
    },
  },
};
