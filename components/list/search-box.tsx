"use client";

import { useEffect, useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { useListNav } from "./list-nav";
import { patchQuery } from "./list-url";

const DEBOUNCE_MS = 400;

/**
 * The search box: searches after a pause in typing or at once on Enter; the term lives in `q`.
 * `fields` name what it looks through (placeholder). Without `personalData` the server leaves
 * personal data out of the search, and the hint says so.
 */
export function SearchBox({ fields, endings = [], personalData = true }: { fields: string[]; endings?: string[]; personalData?: boolean }) {
  const { t } = useI18n();
  const { query, navigate } = useListNav();
  const [text, setText] = useState(query.q);
  // The URL's term as last seen, and the terms this box has sent that have not arrived yet: when
  // the URL changes for another reason (Back, 清除筛选) the box follows it; when one of our own
  // searches arrives, the reader may already be typing the next one, so the box is left alone.
  const [seen, setSeen] = useState(query.q);
  const [sent, setSent] = useState<string[]>([]);
  if (query.q !== seen) {
    setSeen(query.q);
    const at = sent.indexOf(query.q);
    if (at < 0) setText(query.q);
    setSent(at < 0 ? [] : sent.slice(at + 1));
  }

  const submit = (value: string) => {
    const q = value.trim().slice(0, 100);
    if (q === query.q) return;
    setSent((list) => [...list, q]);
    navigate(patchQuery(query, { q }));
  };

  useEffect(() => {
    if (text.trim() === query.q || sent.at(-1) === text.trim()) return;
    const timer = setTimeout(() => submit(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // Only typing starts the timer; query changes alone must not search again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  return (
    <form
      role="search"
      className="relative w-full"
      onSubmit={(e) => {
        e.preventDefault();
        submit(text);
      }}
    >
      <svg viewBox="0 0 20 20" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" fill="currentColor" aria-hidden="true">
        <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 100 11 5.5 5.5 0 000-11zM2 9a7 7 0 1112.452 4.391l3.328 3.329a.75.75 0 11-1.06 1.06l-3.329-3.328A7 7 0 012 9z" clipRule="evenodd" />
      </svg>
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && text) {
            e.preventDefault();
            setText("");
            submit("");
          }
        }}
        placeholder={fields.length ? fmt(endings.length ? t.list.search.placeholderEndings : t.list.search.placeholderFields, { fields: fields.join(t.common.listSeparator) }) : t.list.search.placeholder}
        aria-label={t.list.search.label}
        title={!personalData ? t.list.search.hintMasked : endings.length ? fmt(t.list.search.hintEndings, { endings: endings.join(t.common.listSeparator) }) : t.list.search.hint}
        maxLength={100}
        className="h-9 w-full rounded-md border border-slate-300 bg-white pr-3 pl-8 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 focus:outline-blue-600"
      />
    </form>
  );
}
