import type { Random } from "./random";

const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const WORD = `${UPPER}abcdefghijklmnopqrstuvwxyz${DIGITS}_`;

/** The characters of a class body like `0-9A-Z-` (no negation). */
function classChars(body: string): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body[i];
    if (c === "\\") {
      const e = body[++i];
      if (e === "d") out.push(...DIGITS);
      else if (e === "w") out.push(...WORD);
      else out.push(e);
      continue;
    }
    if (body[i + 1] === "-" && i + 2 < body.length) {
      const end = body[i + 2];
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      i += 2;
      continue;
    }
    c = body[i];
    out.push(c);
  }
  return out.length ? out : undefined;
}

/**
 * A string that matches a simple regular expression: literals, character classes, `\d`, `\w`
 * and the quantifiers `{n}`, `{n,m}`, `?`, `+`, `*`. Returns undefined for anything richer
 * (groups, alternation, negated classes), so the caller can leave the field empty.
 */
export function fromPattern(pattern: string, rng: Random, maxRepeat = 8): string | undefined {
  const src = pattern.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  let out = "";
  let i = 0;
  while (i < src.length) {
    let chars: string[] | undefined;
    const c = src[i];
    if (c === "[") {
      const end = src.indexOf("]", i + 2);
      if (end < 0 || src[i + 1] === "^") return undefined;
      chars = classChars(src.slice(i + 1, end));
      i = end + 1;
    } else if (c === "\\") {
      const e = src[i + 1];
      chars = e === "d" ? [...DIGITS] : e === "w" ? [...WORD] : /[A-Za-z]/.test(e ?? "") ? undefined : [e];
      i += 2;
    } else if ("()|^$".includes(c)) return undefined;
    else {
      chars = c === "." ? [...UPPER] : [c];
      i += 1;
    }
    if (!chars) return undefined;
    let [min, max] = [1, 1];
    const quant = /^(?:\{(\d+)(?:(,)(\d*))?\}|([?+*]))/.exec(src.slice(i));
    if (quant) {
      i += quant[0].length;
      if (quant[4]) [min, max] = quant[4] === "?" ? [0, 1] : quant[4] === "+" ? [1, maxRepeat] : [0, maxRepeat];
      else [min, max] = [Number(quant[1]), quant[2] ? (quant[3] ? Number(quant[3]) : Number(quant[1]) + maxRepeat) : Number(quant[1])];
    }
    for (let n = rng.int(min, max); n > 0; n--) out += rng.pick(chars);
  }
  return new RegExp(pattern).test(out) ? out : undefined;
}
