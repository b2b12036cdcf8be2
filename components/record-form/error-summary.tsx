"use client";

import { forwardRef, useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldError } from "@/lib/schema/messages";
import { useI18n } from "../i18n-provider";
import { fieldId } from "./error-schema";

/** Moves focus to the control of a field (or the first control inside it) and scrolls it into view. */
export function focusField(path: string) {
  const el = document.getElementById(fieldId(path));
  if (!el) return;
  const target = el.matches("input,select,textarea,button") ? el : (el.querySelector("input,select,textarea,button") as HTMLElement | null) ?? el;
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  target.focus({ preventScroll: true });
}

/** How many errors the summary lists before it offers the rest: a long list would push the form off screen. */
export const SUMMARY_LIMIT = 30;

/**
 * The list of what to fix, shown after a save attempt; each entry jumps to its field. Past
 * SUMMARY_LIMIT entries it says how many more there are and can show them all.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: FieldError[] }>(function ErrorSummary({ errors }, ref) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  if (errors.length === 0) return null;
  const shown = expanded ? errors : errors.slice(0, SUMMARY_LIMIT);
  const hidden = errors.length - shown.length;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-lg border border-red-200 bg-red-50 px-5 py-4 focus:outline-2 focus:outline-red-600" data-testid="error-summary">
      <p className="text-sm font-semibold text-red-800">{fmt(t.form.errorSummaryTitle, { n: errors.length })}</p>
      <ul className="mt-2 flex flex-col gap-1 text-sm">
        {shown.map((e) => (
          <li key={`${e.path}|${e.message}`}>
            <button type="button" className="text-left text-red-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-red-600" onClick={() => focusField(e.path)}>
              <span className="text-red-500">{e.label}{t.common.colon}</span>
              {e.message}
            </button>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-red-800" data-testid="error-summary-more">
          <span>{fmt(t.form.errorSummaryMore, { n: hidden })}</span>
          <button type="button" className="font-medium text-red-700 underline underline-offset-2 hover:text-red-900 focus-visible:outline-2 focus-visible:outline-red-600" onClick={() => setExpanded(true)}>
            {t.form.errorSummaryShowAll}
          </button>
        </p>
      )}
    </div>
  );
});
