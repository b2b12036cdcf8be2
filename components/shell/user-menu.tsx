"use client";

import { signOut } from "next-auth/react";
import { clearLocalDrafts } from "../record-form/use-local-draft";
import { Button } from "../ui/button";

/** The signed-in user, their role, and sign-out. */
export function UserMenu({ name, email, roleLabel, signOutLabel }: { name: string; email: string; roleLabel: string; signOutLabel: string }) {
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <p className="text-sm leading-tight font-medium text-slate-900" data-testid="current-user">
          {name}
        </p>
        <p className="text-xs leading-tight text-slate-500">
          {roleLabel} · {email}
        </p>
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
