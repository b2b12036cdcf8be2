import type { SelfFillSettings } from "../schema/types";
import type { DesignerField, DesignerModel } from "./model";

/** Sections and tables a customer could be offered on a self-fill link (not removed ones). */
export function selfFillSectionCandidates(model: DesignerModel): DesignerField[] {
  return model.sections.filter((f) => (f.kind === "section" || f.kind === "table") && !f.removed);
}

/**
 * The model's self-fill settings; a model without any offers its sections (not tables), asks for
 * consent and shows the general notice — what lib/schema/self-fill.ts reads for such a version.
 */
export function selfFillSettings(model: DesignerModel): SelfFillSettings {
  return model.selfFill ?? { sections: selfFillSectionCandidates(model).filter((f) => f.kind === "section").map((f) => f.key), consent: true, notice: "" };
}

/** Offers a section or table on new self-fill links by default, or stops offering it. */
export function setSelfFillSection(model: DesignerModel, key: string, offered: boolean): DesignerModel {
  const current = selfFillSettings(model);
  const rest = current.sections.filter((k) => k !== key);
  const order = model.sections.map((f) => f.key);
  const sections = offered ? [...rest, key].sort((a, b) => order.indexOf(a) - order.indexOf(b)) : rest;
  return { ...model, selfFill: { ...current, sections } };
}

/** Whether the customer must tick the consent (PIPL) before submitting, and the notice they read. */
export function setSelfFillPrivacy(model: DesignerModel, change: { consent?: boolean; notice?: string }): DesignerModel {
  return { ...model, selfFill: { ...selfFillSettings(model), ...change } };
}
