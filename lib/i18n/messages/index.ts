import type { Locale } from "../locale";
import { api } from "./api";
import { auth } from "./auth";
import { backup } from "./backup";
import { calendar } from "./calendar";
import { demo } from "./demo";
import { exportMessages } from "./exports";
import { format } from "./format";
import { imports } from "./imports";
import { listQuery } from "./list-query";
import { migrations } from "./migrations";
import { records } from "./records";
import { reminders } from "./reminders";
import { selfFill } from "./self-fill";
import { statistics } from "./statistics";
import { templates } from "./templates";
import { users } from "./users";
import { validation } from "./validation";
import { verification } from "./verification";

/**
 * Messages that are chosen in one place and read in another: errors the server throws, field
 * messages the validator writes, words the formatters join with. Code names a message by key
 * ("auth.forbidden") and parameters; the text is picked in the reader's language only when it is
 * shown (the route wrapper, a page, the browser), so nothing stored or thrown is tied to one
 * language. UI strings that only the screens use live in ../dictionaries.
 */
export const catalog = { api, auth, backup, calendar, demo, exports: exportMessages, format, imports, listQuery, migrations, records, reminders, selfFill, statistics, templates, users, validation, verification };

type Catalog = typeof catalog;

/** "namespace.name" of every message, e.g. "api.bodyEmpty". */
export type MessageKey = { [N in keyof Catalog]: `${N}.${Extract<keyof Catalog[N]["zh"], string>}` }[keyof Catalog];

/**
 * A message's parameters. A parameter may itself be text not yet in a language (a message, or
 * text in every language), resolved in the same language, or a list (joined the language's way:
 * 甲、乙 / a, b).
 */
export type MessageParams = Record<string, string | number | LocalText | Translated | (string | number)[]>;

/** Text that is not yet in a language: a message key and its parameters. */
export interface LocalText {
  key: MessageKey;
  params?: MessageParams;
}

/** Text already written in every language (by a library that speaks both, e.g. zod). */
export type Translated = Record<Locale, string>;

/**
 * Text as thrown and stored: a LocalText, text in every language, or a plain string that is not
 * translated (a template's own titles, what a user typed).
 */
export type Text = string | LocalText | Translated;

/** Names a message for later translation (a typed key, so a typo fails the type check). */
export function msg(key: MessageKey, params?: MessageParams): LocalText {
  return params ? { key, params } : { key };
}

/** True for a value made by `msg` (or read back from JSON in its shape). */
export function isLocalText(value: unknown): value is LocalText {
  return !!value && typeof value === "object" && typeof (value as LocalText).key === "string" && isMessageKey((value as LocalText).key);
}

/** True when the string names a message of the catalog. */
export function isMessageKey(value: string): value is MessageKey {
  const dot = value.indexOf(".");
  if (dot < 1) return false;
  const space = (catalog as Record<string, { zh: Record<string, string> }>)[value.slice(0, dot)];
  return !!space && Object.hasOwn(space.zh, value.slice(dot + 1));
}

// API messages quote JSON names (revision, data.basic) inside Chinese sentences; Chinese
// typesetting puts a space between Han and Latin text, so where such a parameter meets a Han
// character of the sentence, a space goes between ("revision 必须是数字").
const SPACED_NAMESPACES = new Set(["api"]);
const SPACES_HAN_LATIN: Record<Locale, boolean> = { zh: true, en: false };
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z0-9]/;

/** The message in the given language with its parameters filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const dot = key.indexOf(".");
  const space = (catalog as Record<string, Record<Locale, Record<string, string>>>)[key.slice(0, dot)];
  const template = space?.[locale]?.[key.slice(dot + 1)] ?? key;
  const spaced = SPACES_HAN_LATIN[locale] && SPACED_NAMESPACES.has(key.slice(0, dot));
  return template.replace(/\{(\w+)\}/g, (whole, name: string, at: number) => {
    const value = params?.[name];
    if (value === undefined) return whole;
    const text = Array.isArray(value)
      ? value.join(translate(locale, "format.listSeparator"))
      : typeof value === "object"
        ? resolveText(locale, value)
        : String(value);
    if (!spaced || !text) return text;
    const before = template[at - 1] ?? "";
    const after = template[at + whole.length] ?? "";
    return `${HAN.test(before) && LATIN.test(text[0]) ? " " : ""}${text}${HAN.test(after) && LATIN.test(text[text.length - 1]) ? " " : ""}`;
  });
}

/** Text in the given language: a LocalText is translated, translations picked, a plain string kept. */
export function resolveText(locale: Locale, text: Text): string {
  if (typeof text === "string") return text;
  if ("key" in text) return translate(locale, text.key, text.params);
  return text[locale];
}

/** A translator bound to one language, for code that writes many messages. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}
