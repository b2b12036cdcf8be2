import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { getActor } from "@/lib/auth/session";
import { getDictionary } from "@/lib/i18n/server";
import { safeCallback } from "@/lib/shared/safe-callback";

export const metadata: Metadata = { title: "登录" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  const t = await getDictionary();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="absolute top-4 right-4">
        <LanguageSwitch />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex size-11 items-center justify-center rounded-xl bg-blue-600 text-lg font-bold text-white">D</div>
          <h1 className="text-xl font-semibold text-slate-900">{t.common.appName}</h1>
          <p className="mt-1 text-sm text-slate-500">{t.common.appTagline}</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} initialError={typeof params.error === "string" ? params.error : undefined} />
      </div>
    </main>
  );
}
