import { LOCALES, type Locale } from "../i18n/locale";
import { translator } from "../i18n/messages";

/** A value from the URL quoted in a message, cut short: the message should not repeat a whole essay. */
export const clip = (s: string) => (Array.from(s).length > 30 ? `${Array.from(s).slice(0, 30).join("")}…` : s);

/** What parseListQuery says about parameters it cannot use, in one language (texts in lib/i18n/messages/list-query.ts). */
function messagesIn(locale: Locale) {
  const t = translator(locale);
  const list = (items: (string | number)[]) => items.join(t("format.listSeparator"));
  return {
    noOption: (title: string, v: string) => t("listQuery.noOption", { title, value: clip(v) }),
    noOptions: (title: string) => t("listQuery.noOptions", { title }),
    repeated: (title: string) => t("listQuery.repeated", { title }),
    yesNo: (title: string) => t("listQuery.yesNo", { title }),
    notNumber: (title: string, v: string) => t("listQuery.notNumber", { title, value: clip(v) }),
    notDate: (title: string, v: string) => t("listQuery.notDate", { title, value: clip(v) }),
    notMonth: (title: string, v: string) => t("listQuery.notMonth", { title, value: clip(v) }),
    badOwner: (v: string) => t("listQuery.badOwner", { value: clip(v) }),
    tooLong: (title: string) => t("listQuery.tooLong", { title }),
    emptyValue: (title: string) => t("listQuery.emptyValue", { title }),
    unknownParam: (name: string, known: string[]) => t("listQuery.unknownParam", { name: clip(name), known: list(known) }),
    noField: (path: string) => t("listQuery.noField", { path: clip(path) }),
    badOp: (title: string, op: string) => t("listQuery.badOp", { title, op: clip(op) }),
    longSearch: t("listQuery.longSearch"),
    badSort: (field: string) => t("listQuery.badSort", { field: clip(field) }),
    badDir: t("listQuery.badDir"),
    badPage: (page: string) => t("listQuery.badPage", { page: clip(page) }),
    badSize: (sizes: number[]) => t("listQuery.badSize", { sizes: list(sizes) }),
    badTrash: t("listQuery.badTrash"),
    badVerification: (value: string, known: string[]) => t("listQuery.badVerification", { value: clip(value), known: list(known) }),
    piiFilter: (title: string) => t("listQuery.piiFilter", { title }),
    piiSort: (title: string) => t("listQuery.piiSort", { title }),
  };
}

export type ListQueryMessages = ReturnType<typeof messagesIn>;

/** The list parser's messages per language. */
export const listQueryMessages = Object.fromEntries(LOCALES.map((l) => [l, messagesIn(l)])) as Record<Locale, ListQueryMessages>;
