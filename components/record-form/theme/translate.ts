import { TranslatableString } from "@rjsf/utils";

/** rjsf's own strings (是/否, 添加一行) in the form's language. */
export function translate(key: TranslatableString, params: string[] | undefined, locale: "zh" | "en"): string {
  const zh: Partial<Record<TranslatableString, string>> = {
    [TranslatableString.YesLabel]: "是",
    [TranslatableString.NoLabel]: "否",
    [TranslatableString.AddItemButton]: "添加一行",
  };
  if (locale === "zh" && zh[key]) return zh[key]!;
  let s: string = key;
  (params ?? []).forEach((p, i) => (s = s.replace(`%${i + 1}`, p)));
  return s;
}
