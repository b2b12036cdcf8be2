import { isContainer, type DesignerField, type DesignerModel, type FieldPath } from "./model";
import { allFields } from "./model-paths";

/** The model's verification settings; a model without any has verification off. */
export function verificationSettings(model: DesignerModel): { enabled: boolean; critical: string[] } {
  return model.verification ?? { enabled: false, critical: [] };
}

/** Turns verification (双重验证) on or off; the critical fields are kept either way. */
export function setVerificationEnabled(model: DesignerModel, enabled: boolean): DesignerModel {
  return { ...model, verification: { ...verificationSettings(model), enabled } };
}

/**
 * Marks a field, table or whole section critical, or not. Marking a container takes its fields
 * off the list: the container covers them.
 */
export function setCritical(model: DesignerModel, path: FieldPath, critical: boolean): DesignerModel {
  const current = verificationSettings(model);
  const rest = current.critical.filter((c) => c !== path && !(critical && c.startsWith(`${path}.`)));
  return { ...model, verification: { ...current, critical: critical ? [...rest, path] : rest } };
}

/** What can be critical, in form order with its depth: sections, tables and fields outside tables (a table counts as a whole). */
export function criticalCandidates(model: DesignerModel): { path: FieldPath; field: DesignerField; depth: number; container: boolean }[] {
  return allFields(model)
    .filter((e) => !e.field.removed && !e.place.inTable)
    .map((e) => ({ path: e.place.path, field: e.field, depth: e.place.path.split(".").length - 1, container: isContainer(e.field.kind) }));
}

/** True when the field is critical itself or lies in a critical section or table. */
export function isCriticalIn(model: DesignerModel, path: FieldPath): boolean {
  return verificationSettings(model).critical.some((c) => path === c || path.startsWith(`${c}.`));
}
