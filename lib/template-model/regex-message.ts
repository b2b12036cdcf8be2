import { checks, type CheckWords } from "../i18n/dictionaries/checks";
import type { Locale } from "../schema/messages";

// The JavaScript engine's words for the usual mistakes (V8 and SpiderMonkey spell them alike).
const REASONS: [RegExp, keyof CheckWords["regex"]][] = [
  [/unterminated character class/i, "unterminatedClass"],
  [/unterminated group|missing \)/i, "unterminatedGroup"],
  [/unmatched '?\)'?|unmatched parenthes/i, "unmatchedParen"],
  [/nothing to repeat/i, "nothingToRepeat"],
  [/incomplete quantifier|lone quantifier/i, "incompleteQuantifier"],
  [/numbers out of order/i, "numbersOutOfOrder"],
  [/range out of order/i, "rangeOutOfOrder"],
  [/at end of pattern/i, "trailingBackslash"],
  [/duplicate capture group name/i, "duplicateGroupName"],
  [/invalid property name/i, "propertyName"],
  [/invalid named (capture )?reference|invalid named capture referenced/i, "namedReference"],
  [/invalid group/i, "invalidGroup"],
  [/invalid (unicode |identity )?escape/i, "invalidEscape"],
];

/**
 * Why a pattern is not a valid regular expression (as ajv compiles it, with the "u" flag), in the
 * reader's language for the usual mistakes (the engine's own words otherwise); null when it is valid.
 */
export function regexError(pattern: string, locale: Locale = "zh"): string | null {
  try {
    new RegExp(pattern, "u");
    return null;
  } catch (err) {
    const message = (err as Error).message;
    const reason = REASONS.find(([re]) => re.test(message))?.[1];
    return reason ? checks[locale].regex[reason] : message;
  }
}
