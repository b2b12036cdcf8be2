import type { PiiKind } from "../schema/types";
import { CHOICE_KINDS, STRING_KINDS, type DesignerField } from "./model";

/** Why a field looks like personal data: its kind, or a word in its label. */
export interface PiiSuggestion {
  pii: PiiKind;
  /** Health or financial data: sensitive personal information under PIPL (art. 28). */
  sensitive: boolean;
  /** The word of the label that matched, or undefined when the kind alone decided. */
  word?: string;
}

const DATE_KINDS = new Set<DesignerField["kind"]>(["date", "datetime"]);

const BY_KIND: Partial<Record<DesignerField["kind"], PiiKind>> = { idNumber: "idNumber", mobile: "phone", phone: "phone", email: "email", address: "address" };

/** Label words, most specific first: the first that matches decides. */
const BY_WORD: { pattern: RegExp; pii: PiiKind; sensitive?: true }[] = [
  { pattern: /身份证|证件|护照|通行证|社保(卡)?号|医保(卡)?号/, pii: "idNumber" },
  { pattern: /病史|既往症|健康|体检|诊断|病历|疾病|用药|残疾|医疗|病情|过敏/, pii: "text", sensitive: true },
  { pattern: /银行卡|银行账号|银行账户|卡号|账号|收入|薪资|工资/, pii: "text", sensitive: true },
  { pattern: /手机|电话|联系方式|微信|QQ/i, pii: "phone" },
  { pattern: /邮箱|电子邮件|e-?mail/i, pii: "email" },
  { pattern: /地址|住址|住所|居住地/, pii: "address" },
  { pattern: /姓名|名字|联系人/, pii: "name" },
];

/**
 * The personal-data kind the designer proposes for a field that is not marked yet, from its kind
 * (身份证号, 手机号, 邮箱, 地址) or a word in its label (姓名, 证件, 电话, 地址, and health or bank
 * data, which PIPL treats as sensitive). Null when the field is marked already, holds no value
 * of its own (sections, tables) or nothing suggests it.
 */
export function suggestPii(field: Pick<DesignerField, "kind" | "label" | "pii">): PiiSuggestion | null {
  if (field.pii) return null;
  // Text-like values only: a date or an amount is not masked by these kinds (体检日期 is a date).
  if (DATE_KINDS.has(field.kind) || (!STRING_KINDS.includes(field.kind) && !CHOICE_KINDS.includes(field.kind))) return null;
  const byKind = BY_KIND[field.kind];
  const word = BY_WORD.find((w) => w.pattern.test(field.label));
  if (word) return { pii: byKind ?? word.pii, sensitive: word.sensitive === true, word: field.label.match(word.pattern)![0] };
  return byKind ? { pii: byKind, sensitive: false } : null;
}
