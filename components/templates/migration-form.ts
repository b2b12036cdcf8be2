import { keyFromLabel, uniqueKey } from "@/lib/template-model/keys";
import { CHOICE_KINDS, isContainer, KEY_PATTERN, PALETTE } from "@/lib/template-model/model";
import type { MigrationOp } from "@/lib/template-model/migration-op";
import type { FieldKind } from "@/lib/schema/types";

const MAX_KEY = 64;

/** Why a new field key cannot be used, or null. Siblings are the other keys of the same section. */
export function newKeyProblem(newKey: string, currentKey: string, siblingKeys: readonly string[] = []): "empty" | "pattern" | "tooLong" | "same" | "taken" | null {
  const k = newKey.trim();
  if (!k) return "empty";
  if (k.length > MAX_KEY) return "tooLong";
  if (!KEY_PATTERN.test(k)) return "pattern";
  if (k === currentKey) return "same";
  return siblingKeys.includes(k) ? "taken" : null;
}

/** A readable key derived from the label (职业 → zhiye), free among the siblings; null when it is the current key. */
export function suggestFieldKey(label: string, currentKey: string, siblingKeys: readonly string[] = []): string | null {
  const key = uniqueKey(keyFromLabel(label, currentKey), siblingKeys.filter((k) => k !== currentKey));
  return key === currentKey ? null : key;
}

/** Kinds a value field can be migrated to, in palette order (containers cannot change kind). */
export function targetKinds(current: FieldKind): FieldKind[] {
  if (isContainer(current)) return [];
  const kinds: FieldKind[] = [...PALETTE.map((p) => p.kind).filter((k) => !isContainer(k)), "percent", "phone"];
  return kinds.filter((k) => k !== current);
}

/** True when the kind needs a list of choices. */
export const needsOptions = (kind: FieldKind) => CHOICE_KINDS.includes(kind);

/** Choices typed one per line: trimmed, blanks dropped; duplicates reported (kept once). */
export function parseOptionsText(text: string): { options: string[]; duplicates: string[] } {
  const options: string[] = [];
  const duplicates: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const o = line.trim();
    if (!o) continue;
    if (options.includes(o)) {
      if (!duplicates.includes(o)) duplicates.push(o);
    } else options.push(o);
  }
  return { options, duplicates };
}

/** The field path after a key rename: the last segment replaced. */
export function renamedPath(path: string, newKey: string): string {
  return [...path.split(".").slice(0, -1), newKey].join(".");
}

/** The operation the dialog sends, from what was typed. */
export function buildOp(params: { mode: "renameKey" | "changeKind"; path: string; newKey: string; kind: FieldKind | ""; optionsText: string }): MigrationOp | null {
  const { mode, path } = params;
  if (mode === "renameKey") return params.newKey.trim() ? { type: "renameKey", path, newKey: params.newKey.trim() } : null;
  if (!params.kind) return null;
  return needsOptions(params.kind) ? { type: "changeKind", path, kind: params.kind, options: parseOptionsText(params.optionsText).options } : { type: "changeKind", path, kind: params.kind };
}
