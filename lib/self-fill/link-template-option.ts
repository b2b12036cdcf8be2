import { selfFillCandidates, selfFillOf } from "../schema/self-fill";
import type { PublishedTemplate } from "../templates/types";

/** What the link dialog offers for a template: its sections and tables by title, and the template's default choice. */
export function linkTemplateOption(template: PublishedTemplate): { key: string; name: string; sections: { key: string; title: string }[]; defaults: string[] } {
  const props = template.content.schema.properties ?? {};
  return {
    key: template.key,
    name: template.name,
    sections: selfFillCandidates(template.content.schema).map((k) => ({ key: k, title: props[k]?.title ?? k })),
    defaults: selfFillOf(template.content).sections,
  };
}

/** The titles of a link's sections in a template (a section since removed shows its key). */
export function sectionTitles(template: PublishedTemplate, sections: string[]): string[] {
  const props = template.content.schema.properties ?? {};
  return sections.map((k) => props[k]?.title ?? k);
}
