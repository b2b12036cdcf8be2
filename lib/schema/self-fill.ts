import type { JsonSchema, SelfFillSettings, TemplateContent } from "./types";

/**
 * The root properties a customer may be offered on a self-fill link: sections (objects) and
 * tables that are not removed. A template's own choice is narrowed to these.
 */
export function selfFillCandidates(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, s]) => !s["x-removed"] && (s.type === "object" || s.type === "array"))
    .map(([k]) => k);
}

/**
 * A version's self-fill settings (客户自填): the sections offered by default, whether the customer
 * must consent before submitting (PIPL: consent before sensitive personal information), and the
 * privacy notice shown. A version saved before self-fill existed offers its sections (not its
 * tables), asks for consent, and shows the product's general notice (notice "").
 */
export function selfFillOf(content: Pick<TemplateContent, "schema" | "selfFill">): SelfFillSettings {
  const candidates = selfFillCandidates(content.schema);
  const s = content.selfFill;
  if (!s || typeof s !== "object") {
    const sections = candidates.filter((k) => content.schema.properties?.[k]?.type === "object");
    return { sections, consent: true, notice: "" };
  }
  const sections = Array.isArray(s.sections) ? s.sections.filter((k) => typeof k === "string" && candidates.includes(k)) : [];
  return { sections, consent: s.consent !== false, notice: typeof s.notice === "string" ? s.notice : "" };
}
