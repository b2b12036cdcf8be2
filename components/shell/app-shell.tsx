import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/roles";
import { roleCan } from "@/lib/auth/roles";
import { getDictionary } from "@/lib/i18n/server";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";
import { LanguageSwitch } from "./language-switch";

/** The frame of every signed-in page: sidebar with templates and admin pages, top bar with the user. */
export async function AppShell({
  actor,
  templates,
  verification,
  children,
}: {
  actor: Actor;
  templates: { key: string; name: string }[];
  /** The sidebar's verification entry: 待我核对 for reviewers, 退回给我 for those who only enter data, with its count. */
  verification?: { kind: "queue" | "returned"; count: number };
  children: ReactNode;
}) {
  const t = await getDictionary();
  const admin = roleCan(actor.role, "user.manage")
    ? [
        { href: "/admin/templates", label: t.common.nav.templatesAdmin, icon: "templates" as const },
        { href: "/admin/users", label: t.common.nav.users, icon: "users" as const },
        { href: "/admin/backups", label: t.backup.nav, icon: "backups" as const },
      ]
    : [];
  // Viewers act on no reminders; their home page stays the first template's list.
  const showWorkbench = roleCan(actor.role, "record.update");
  // Those who make self-fill links (for new customers or records they may edit) see theirs.
  const showSelfFill = roleCan(actor.role, "record.update");
  return (
    <div className="flex min-h-screen">
      {/* The first Tab stop: keyboard users skip the sidebar and the top bar on every page. */}
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-blue-600 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:px-3 focus:py-2 focus:top-2 focus:left-2 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600"
      >
        {t.common.nav.skipToMain}
      </a>
      <Sidebar
        appName={t.common.appName}
        sections={[
          ...(showWorkbench || showSelfFill
            ? [
                {
                  title: "",
                  items: [
                    ...(showWorkbench ? [{ href: "/", label: t.workbench.nav, icon: "home" as const, reminders: true }] : []),
                    ...(showSelfFill ? [{ href: "/self-fill", label: t.selfFill.nav, icon: "link" as const }] : []),
                  ],
                },
              ]
            : []),
          ...(verification
            ? [
                {
                  title: t.verification.panel.title,
                  items: [{ href: "/verification", label: verification.kind === "queue" ? t.verification.nav : t.verification.navReturned, icon: "verify" as const, count: verification.count }],
                },
              ]
            : []),
          { title: t.common.nav.templates, items: templates.map((tp) => ({ href: `/t/${tp.key}`, label: tp.name, icon: "records" as const })) },
          ...(admin.length ? [{ title: t.common.nav.admin, items: admin }] : []),
        ]}
      />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex h-14 items-center justify-end gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur lg:px-6">
          <LanguageSwitch />
          <UserMenu name={actor.name} email={actor.email} roleLabel={t.common.roles[actor.role]} signOutLabel={t.common.actions.signOut} />
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-5 focus:outline-none lg:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
