"use client";

import { useRouter } from "next/navigation";
import { setLocale } from "@/lib/i18n/set-locale";
import { useI18n } from "../i18n-provider";

/** 中文 / English toggle; the choice is kept in a cookie for a year. */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const set = async (next: "zh" | "en") => {
    await setLocale(next);
    router.refresh();
  };
  return (
    <div role="group" aria-label={t.common.language.label} className="inline-flex rounded-md border border-slate-200 bg-white p-0.5 text-xs">
      {(["zh", "en"] as const).map((l) => (
        <button
          key={l}
          type="button"
          onClick={() => set(l)}
          aria-pressed={locale === l}
          className={`rounded px-2 py-1 font-medium ${locale === l ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {t.common.language[l]}
        </button>
      ))}
    </div>
  );
}
