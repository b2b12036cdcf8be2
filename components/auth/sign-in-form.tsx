"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormField, Input } from "../ui/form-controls";

/** Email and password form; errors from the server (wrong password, too many attempts) shown above it. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError && initialError !== "CredentialsSignin" ? initialError : null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t.auth.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!res || res.error) {
        setError(res?.error && res.error !== "CredentialsSignin" ? res.error : t.auth.failed);
        setBusy(false);
        return;
      }
      // A full navigation so that every server component sees the new session.
      window.location.assign(callbackUrl);
    } catch {
      setError(t.common.errors.network);
      setBusy(false);
    }
  }

  return (
    <Card className="p-6">
      <h2 className="text-lg font-semibold text-slate-900">{t.auth.title}</h2>
      <p className="mt-1 mb-5 text-sm text-slate-500">{t.auth.subtitle}</p>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <FormField id="email" label={t.auth.email}>
          <Input id="email" name="email" type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </FormField>
        <FormField id="password" label={t.auth.password}>
          <Input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </FormField>
        <Button type="submit" variant="primary" busy={busy} className="mt-1 w-full">
          {busy ? t.auth.submitting : t.auth.submit}
        </Button>
      </form>
    </Card>
  );
}
