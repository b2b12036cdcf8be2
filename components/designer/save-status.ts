import { LOCALE_TAGS, type Locale } from "@/lib/i18n/locale";

/** What the header says about the draft, and in which colour. */
export interface SaveStatus {
  kind: "saving" | "conflict" | "failed" | "invalid" | "dirty" | "saved" | "clean";
  tone: "neutral" | "amber" | "red" | "green";
}

/**
 * The draft's state for the header, most urgent first: a save under way, a conflict, a failed
 * save, changes the checks keep from saving, unsaved changes, a saved draft, or nothing to save.
 */
export function saveStatus(s: { saving: boolean; conflict: boolean; saveError: boolean; dirty: boolean; problems: number; hasDraft: boolean }): SaveStatus {
  if (s.saving) return { kind: "saving", tone: "neutral" };
  if (s.conflict) return { kind: "conflict", tone: "red" };
  if (s.saveError && s.dirty) return { kind: "failed", tone: "red" };
  if (s.dirty && s.problems > 0) return { kind: "invalid", tone: "red" };
  if (s.dirty) return { kind: "dirty", tone: "amber" };
  if (s.hasDraft) return { kind: "saved", tone: "green" };
  return { kind: "clean", tone: "neutral" };
}

/** How a day names its month: 3月2日 in Chinese, Mar 2 in English. */
const MONTH_STYLE: Record<Locale, "long" | "short"> = { zh: "long", en: "short" };

/** "14:05" for a time today, "3月2日 14:05" (or "Mar 2, 14:05") otherwise, in the reader's zone. */
export function shortTime(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(LOCALE_TAGS[locale], { hour: "2-digit", minute: "2-digit", hour12: false });
  if (d.toDateString() === now.toDateString()) return time;
  const day = d.toLocaleDateString(LOCALE_TAGS[locale], { month: MONTH_STYLE[locale], day: "numeric" });
  return `${day} ${time}`;
}
