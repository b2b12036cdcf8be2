// The JavaScript engine's words for the usual mistakes (V8 and SpiderMonkey spell them alike).
const REASONS: [RegExp, string][] = [
  [/unterminated character class/i, "方括号 [ ] 没有闭合"],
  [/unterminated group|missing \)/i, "圆括号 ( ) 没有闭合"],
  [/unmatched '?\)'?|unmatched parenthes/i, "多了一个右括号 )"],
  [/nothing to repeat/i, "量词 * + ? 前面缺少要重复的内容"],
  [/incomplete quantifier|lone quantifier/i, "花括号量词 { } 不完整"],
  [/numbers out of order/i, "花括号量词的最小次数大于最大次数"],
  [/range out of order/i, "方括号中的范围前后颠倒（如 z-a）"],
  [/at end of pattern/i, "末尾的反斜杠 \\ 后面缺少字符"],
  [/duplicate capture group name/i, "命名分组的名字重复"],
  [/invalid property name/i, "无效的 Unicode 属性名（\\p{…}）"],
  [/invalid named (capture )?reference|invalid named capture referenced/i, "引用了不存在的命名分组"],
  [/invalid group/i, "无效的分组写法"],
  [/invalid (unicode |identity )?escape/i, "无效的转义（反斜杠 \\ 的用法不对）"],
];

/**
 * Why a pattern is not a valid regular expression (as ajv compiles it, with the "u" flag), in
 * Chinese for the usual mistakes; null when it is valid.
 */
export function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern, "u");
    return null;
  } catch (err) {
    const message = (err as Error).message;
    return REASONS.find(([re]) => re.test(message))?.[1] ?? message;
  }
}
