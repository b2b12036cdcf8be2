"use client";

import { signOut } from "next-auth/react";
import { clearLocalDrafts } from "../record-form/use-local-draft";
import { Button } from "../ui/button";

/** The signed-in user: name, role (once), email, and sign-out. */
export function UserMenu({ name, email, roleLabel, signOutLabel }: { name: string; email: string; roleLabel: string; signOutLabel: string }) {
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <p className="flex items-center justify-end gap-1.5 text-sm leading-tight font-medium text-slate-900">
          <span data-testid="current-user">{name}</span>
          {/* The role once: the first administrator is named after it (管理员), and 管理员 / 管理员 · … read as a stutter. */}
          {name !== roleLabel && (
            <span data-testid="current-role" className="rounded bg-slate-100 px-1.5 py-px text-xs font-normal text-slate-600">
              {roleLabel}
            </span>
          )}
        </p>
        <p className="text-xs leading-tight text-slate-500">{email}</p>
      </div>
      <span className="flex size-8 items-center justify-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700" aria-hidden="true">
        {Array.from(name)[0] ?? "?"}
      </span>
      <Button variant="ghost" size="sm" onClick={() => {
          clearLocalDrafts();
          void signOut({ callbackUrl: "/signin" });
        }}>
        {signOutLabel}
      </Button>
    </div>
  );
}
