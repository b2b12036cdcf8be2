import { TEMPLATE_KEY_PATTERN, templateKeyFromName } from "@/lib/template-model/keys";

/**
 * The key a new template named `name` gets: pinyin of the name, or `base-2`, `base-3`… when taken
 * (as the server derives it), so the preview in the dialog is the key the template will have.
 */
export function suggestTemplateKey(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = templateKeyFromName(name.trim());
  for (let i = 1; i < 1000; i++) {
    const key = i === 1 ? base : `${base.slice(0, 58)}-${i}`;
    if (!used.has(key)) return key;
  }
  return base;
}

/** Why a typed template key cannot be used, or null: not a URL slug, or another template has it. */
export function templateKeyProblem(key: string, taken: Iterable<string>): "empty" | "pattern" | "taken" | null {
  const k = key.trim();
  if (!k) return "empty";
  if (!TEMPLATE_KEY_PATTERN.test(k)) return "pattern";
  return new Set(taken).has(k) ? "taken" : null;
}

/** Problems of the create/clone form before it is sent: a missing name, an unusable key. */
export function infoProblems(info: { name: string; key: string | null }, derivedKey: string, taken: Iterable<string>): { name?: "required"; key?: "empty" | "pattern" | "taken" } {
  const out: { name?: "required"; key?: "empty" | "pattern" | "taken" } = {};
  if (!info.name.trim()) out.name = "required";
  // A derived key for an empty name is not worth complaining about: the name error says it all.
  if (info.key === null && !info.name.trim()) return out;
  const problem = templateKeyProblem(info.key ?? derivedKey, taken);
  if (problem) out.key = problem;
  return out;
}
