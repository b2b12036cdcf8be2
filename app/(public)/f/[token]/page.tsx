import type { Metadata } from "next";
import { headers } from "next/headers";
import { StatusNotice } from "@/components/errors/status-notice";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SelfFillForm } from "@/components/self-fill/self-fill-form";
import { clientIp } from "@/lib/auth/client-ip";
import { env } from "@/lib/env";
import { fmt } from "@/lib/i18n/dictionaries";
import { translate } from "@/lib/i18n/messages";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import { openSelfFillLink } from "@/lib/self-fill/open-self-fill-link";
import { takeSelfFillLimits } from "@/lib/self-fill/self-fill-limits";

// The address holds the credential: never indexed, never passed on as a referrer.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).selfFill.public.title, referrer: "no-referrer", robots: { index: false, follow: false } };
}
export const dynamic = "force-dynamic";

/**
 * The customer's self-fill page (/f/<token>): no sign-in (outside the proxy's redirect), phone
 * first, Chinese first with the language switch. A link that cannot be used — made up, expired,
 * revoked, used, its record gone — gets one page that says nothing about which.
 */
export default async function SelfFillPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, locale] = await Promise.all([getDictionary(), getLocale()]);
  const s = t.selfFill.public;
  const ip = clientIp(Object.fromEntries((await headers()).entries()), env.proxyHops);
  const wait = takeSelfFillLimits({ token, ip });
  const form = wait > 0 ? null : await openSelfFillLink({ token, ip });
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="sticky top-0 z-20 flex h-12 items-center justify-between border-b border-slate-200 bg-white/95 px-3 backdrop-blur">
        <span className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <span className="flex size-7 items-center justify-center rounded-lg bg-blue-600 text-xs font-bold text-white" aria-hidden>
            D
          </span>
          {form?.templateName ?? t.common.appName}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto w-full max-w-2xl px-3 py-4 sm:px-4">
        {wait > 0 ? (
          <StatusNotice kind="error" title={s.rateLimitedTitle} description={fmt(s.rateLimited, { seconds: wait })} />
        ) : !form ? (
          <StatusNotice kind="notFound" title={s.unavailableTitle} description={translate(locale, "selfFill.unavailable")} />
        ) : (
          <>
            <h1 className="text-lg font-semibold text-slate-900">{s.title}</h1>
            <p className="mt-1 mb-3 text-sm text-slate-600">{s.intro}</p>
            <SelfFillForm
              token={token}
              schema={form.schema}
              uiSchema={form.uiSchema}
              initialData={form.data}
              consentRequired={form.consent}
              notice={form.notice}
              expiresAt={form.expiresAt}
              masked={form.masked}
              validator={form.validator}
            />
          </>
        )}
      </main>
    </div>
  );
}
