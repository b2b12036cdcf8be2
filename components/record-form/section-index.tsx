"use client";

import { useI18n } from "../i18n-provider";

/** A sticky table of contents beside long forms, with the number of problems per section. */
export function SectionIndex({ sections }: { sections: { key: string; title: string; errors: number }[] }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t.form.sections} className="sticky top-20 hidden w-44 shrink-0 self-start min-[1440px]:block">
      <p className="px-2 pb-2 text-xs font-semibold tracking-wide text-slate-400 uppercase">{t.form.sections}</p>
      <ul className="flex flex-col gap-0.5 text-sm">
        {sections.map((s) => (
          <li key={s.key}>
            <a href={`#section-${s.key}`} data-skip-guard className="flex items-center justify-between rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              <span className="truncate">{s.title}</span>
              {s.errors > 0 && <span className="ml-2 rounded-full bg-red-100 px-1.5 text-xs font-medium text-red-700">{s.errors}</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
