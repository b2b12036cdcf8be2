import { pinyin } from "pinyin-pro";
import { KEY_PATTERN } from "./model";

const MAX_KEY = 40;

/** Words of a label: pinyin syllables for Chinese characters, latin words and digits as they are. */
function words(label: string): { text: string; isZh: boolean }[] {
  const parts = pinyin(label.normalize("NFKC"), { toneType: "none", type: "all", nonZh: "consecutive", v: true });
  return parts.flatMap((p): { text: string; isZh: boolean }[] =>
    p.isZh
      ? [{ text: p.pinyin.toLowerCase().replace(/[^a-z]/g, ""), isZh: true }]
      : p.origin.split(/[^A-Za-z0-9]+/).filter(Boolean).map((text) => ({ text, isZh: false })),
  );
}

/**
 * A readable data key for a label: pinyin for Chinese (职业 → "zhiye", 车牌号 → "chepaihao"),
 * latin words in camelCase ("Plate No." → "plateNo"), sanitized to ^[A-Za-z_][A-Za-z0-9_]*$.
 */
export function keyFromLabel(label: string, fallback = "field"): string {
  let key = "";
  for (const w of words(label)) {
    if (w.isZh || key === "") key += w.isZh ? w.text : w.text.toLowerCase();
    else key += w.text.charAt(0).toUpperCase() + w.text.slice(1);
  }
  if (/^[0-9]/.test(key)) key = `f${key}`;
  key = key.slice(0, MAX_KEY);
  return KEY_PATTERN.test(key) ? key : fallback;
}

/** `base`, or `base2`, `base3`… — the first not in `taken`. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  const stem = base.slice(0, MAX_KEY - 3);
  for (let i = 2; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** A new field's key: derived from its label once, unique among the keys of the holding object. */
export function deriveKey(label: string, siblingKeys: Iterable<string>): string {
  return uniqueKey(keyFromLabel(label), siblingKeys);
}

/**
 * A template key (URL slug), short enough to type: a run of up to four Chinese characters in full
 * pinyin ("健康险" → "jiankangxian"), a longer run by its initials ("车险客户档案" → "cxkhda", not
 * "chexiankehudangan"), latin words as they are, joined by "-". The key stays editable.
 */
export function templateKeyFromName(name: string): string {
  const groups: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) groups.push(run.length > 4 ? run.map((s) => s[0] ?? "").join("") : run.join(""));
    run = [];
  };
  for (const w of words(name)) {
    if (w.isZh) run.push(w.text);
    else {
      flush();
      groups.push(w.text.toLowerCase());
    }
  }
  flush();
  let key = groups.join("-").slice(0, 48).replace(/-+$/, "");
  if (!key) return "template";
  if (!/^[a-z]/.test(key)) key = `t-${key}`;
  return TEMPLATE_KEY_PATTERN.test(key) ? key : "template";
}

/** Template keys as they appear in URLs: lower-case letters, digits and "-". */
export const TEMPLATE_KEY_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;
