import Link from "next/link";
import { StatusNotice } from "@/components/errors/status-notice";
import { ButtonLink } from "@/components/ui/button";
import { getDictionary } from "@/lib/i18n/server";

/** Any URL that matches no page. */
export default async function NotFound() {
  const t = await getDictionary();
  return (
    <main className="flex min-h-screen flex-col">
      <Link href="/" className="flex h-14 items-center gap-2 px-5">
        <span className="flex size-7 items-center justify-center rounded-lg bg-blue-600 text-sm font-bold text-white">D</span>
        <span className="font-semibold text-slate-900">{t.common.appName}</span>
      </Link>
      <div className="flex flex-1 items-center justify-center">
        <StatusNotice
          kind="notFound"
          title={t.errors.notFound.title}
          description={t.errors.notFound.description}
          actions={
            <ButtonLink href="/" variant="primary">
              {t.errors.notFound.home}
            </ButtonLink>
          }
        />
      </div>
    </main>
  );
}
