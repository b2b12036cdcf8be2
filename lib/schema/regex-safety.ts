import * as regjsparserModule from "regjsparser";
import type { AstNode, RootNode } from "regjsparser";

// regjsparser is CommonJS without named exports Node can detect: bundlers expose `parse` on the
// namespace, Node's ESM loader (tsx scripts: demo data, benchmarks) only under `default`.
const { parse } = (regjsparserModule as typeof regjsparserModule & { default?: typeof regjsparserModule }).default ?? regjsparserModule;

type Node = AstNode<{ namedGroups: true; unicodePropertyEscape: true; lookbehind: true }>;
/** Code point ranges, sorted; `ALL` when a node may match anything we cannot tell apart. */
type CharSet = [number, number][];

const MAX_CP = 0x10ffff;
const ALL: CharSet = [[0, MAX_CP]];
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: CharSet = [[9, 13], [32, 32], [160, 160], [5760, 5760], [8192, 8202], [8232, 8233], [8239, 8239], [8287, 8287], [12288, 12288], [65279, 65279]];

function normalize(set: CharSet): CharSet {
  const sorted = [...set].sort((a, b) => a[0] - b[0]);
  const out: CharSet = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: CharSet = [];
  let next = 0;
  for (const [lo, hi] of normalize(set)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  return a.some(([alo, ahi]) => b.some(([blo, bhi]) => alo <= bhi && blo <= ahi));
}

function escapeSet(value: string): CharSet {
  const base = { d: DIGIT, w: WORD, s: SPACE }[value.toLowerCase()] ?? ALL;
  return value === value.toUpperCase() ? complement(base) : base;
}

/** Every character a node could consume, anywhere inside it. */
function alphabet(node: Node): CharSet {
  switch (node.type) {
    case "value":
      return [[node.codePoint, node.codePoint]];
    case "characterClassEscape":
      return escapeSet(node.value);
    case "characterClassRange":
      return [[node.min.codePoint, node.max.codePoint]];
    case "characterClass": {
      const union = normalize(node.body.flatMap((n) => alphabet(n as Node)));
      return node.negative ? complement(union) : union;
    }
    case "anchor":
      return [];
    case "quantifier":
    case "group":
    case "alternative":
    case "disjunction":
      return normalize((node.body as Node[]).flatMap(alphabet));
    default:
      return ALL; // dot, back-references, \p{…}
  }
}

/** The elements matched one after another by a repeated unit (through plain groups). */
function sequence(node: Node): Node[] {
  if (node.type === "alternative") return node.body as Node[];
  if (node.type === "group" && (node.behavior === "normal" || node.behavior === "ignore")) {
    const body = node.body as Node[];
    return body.length === 1 ? sequence(body[0]) : body;
  }
  return [node];
}

const isAtom = (n: Node) => n.type === "value" || n.type === "characterClass" || n.type === "characterClassEscape" || n.type === "dot";
const isVariable = (q: Node) => q.type === "quantifier" && q.max !== q.min;

function variableQuantifiers(node: Node, out: Node[] = []): Node[] {
  if (isVariable(node)) out.push(node);
  if ("body" in node && Array.isArray(node.body)) for (const child of node.body as Node[]) variableQuantifiers(child, out);
  return out;
}

/**
 * A repeated unit can match the same text in exponentially many ways when something inside it
 * repeats a variable number of times ((a+)+, (\w+\s?)*, (.*a){20}), unless it must match a
 * delimiter every time that the inner repetitions can never take: (\s\w+)* is safe. A delimiter
 * that repeats itself (\s+) only pins the boundaries next to another required part it cannot
 * take either: ([a-z]+\s+)*.
 */
function ambiguousUnit(unit: Node): boolean {
  const inner = variableQuantifiers(unit);
  if (inner.length === 0) return false;
  const required = sequence(unit).filter((n) => isAtom(n) || (n.type === "quantifier" && n.min >= 1 && isAtom(n.body[0] as Node)));
  const pins = (d: Node) =>
    inner.every((q) => q === d || !overlaps(alphabet(d), alphabet(q))) && (!isVariable(d) || required.some((e) => e !== d && !overlaps(alphabet(d), alphabet(e))));
  return !required.some(pins);
}

/** The characters a node's match can start with (empty for nodes that consume nothing). */
function firstChars(node: Node): CharSet {
  switch (node.type) {
    case "anchor":
      return [];
    case "alternative": {
      const out: CharSet = [];
      for (const n of node.body as Node[]) {
        out.push(...firstChars(n));
        if (!canBeEmpty(n)) break;
      }
      return normalize(out);
    }
    case "group":
      if (node.behavior === "lookahead" || node.behavior === "negativeLookahead" || node.behavior === "lookbehind" || node.behavior === "negativeLookbehind") return [];
      return firstChars({ type: "alternative", body: node.body } as unknown as Node);
    case "quantifier":
      return node.max === 0 ? [] : firstChars(node.body[0] as Node);
    case "disjunction":
      return normalize((node.body as Node[]).flatMap(firstChars));
    default:
      return alphabet(node);
  }
}

function canBeEmpty(node: Node): boolean {
  switch (node.type) {
    case "anchor":
      return true;
    case "quantifier":
      return node.min === 0 || canBeEmpty(node.body[0] as Node);
    case "alternative":
    case "group":
      return (node.body as Node[]).every(canBeEmpty);
    case "disjunction":
      return (node.body as Node[]).some(canBeEmpty);
    default:
      return false;
  }
}

/**
 * A repeated choice whose alternatives can start with the same character ((a|a)*, (a|aa)*,
 * (\d|\w)+): on a long run of that character every repetition may take either branch, and a
 * failing match tries them all. Choices that start apart (([a-z]|-)*) pass. Conservative: (ab|ac)*
 * is refused too; writing it a(b|c) is both safe and clearer.
 */
function overlappingChoice(unit: Node): boolean {
  const choices: Node[][] = [];
  const collect = (n: Node) => {
    if (n.type === "disjunction") choices.push(n.body as Node[]);
    if ((n.type === "group" && (n.behavior === "normal" || n.behavior === "ignore")) || n.type === "alternative" || n.type === "disjunction") for (const c of n.body as Node[]) collect(c);
  };
  collect(unit);
  return choices.some((alternatives) => {
    const starts = alternatives.map(firstChars);
    return starts.some((a, i) => starts.some((b, j) => j > i && overlaps(a, b)));
  });
}

function findCatastrophic(node: Node): string | null {
  if (node.type === "quantifier" && (node.max === undefined || node.max > 1) && (ambiguousUnit(node.body[0] as Node) || overlappingChoice(node.body[0] as Node))) return node.raw;
  if (node.type === "quantifier" || node.type === "group" || node.type === "alternative" || node.type === "disjunction") {
    for (const child of node.body as Node[]) {
      const found = findCatastrophic(child);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The part of a regular expression (as ajv compiles it, with the "u" flag) that makes its
 * matching time explode on some inputs, e.g. "(a+)+"; null when there is none or the pattern
 * cannot be read (regexError reports invalid ones). Every save runs the template's patterns
 * against what people type, so one such pattern can stall the server for minutes. Patterns whose
 * time grows only polynomially (a.*b.*c) pass: text length limits bound them.
 */
export function catastrophicPart(pattern: string): string | null {
  let root: RootNode<{ namedGroups: true; unicodePropertyEscape: true; lookbehind: true }>;
  try {
    root = parse(pattern, "u", { namedGroups: true, unicodePropertyEscape: true, lookbehind: true });
  } catch {
    return null;
  }
  return findCatastrophic(root as Node);
}
