import { checks } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import { listFields } from "../schema/fields";
import type { Locale } from "../schema/messages";
import type { FieldInfo, TemplateContent } from "../schema/types";
import type { DesignerProblem } from "./check-model";

/** How a field's values are stored: what records already hold must keep fitting. */
function storage(f: FieldInfo): keyof (typeof checks)["zh"]["storage"] {
  switch (f.kind) {
    case "section":
      return "object";
    case "table":
      return "table";
    case "multiselect":
      return "list";
    case "boolean":
      return "boolean";
    case "number":
    case "money":
    case "percent":
    case "integer":
      return "number";
    default:
      return "text";
  }
}

/**
 * Changes a draft may not make to the published version, because stored values would be
 * orphaned or reinterpreted: deleting a published field (hide it with "移除" instead; moving it
 * to another section is a delete too) and changing how its values are stored (text ↔ number…),
 * which is an explicit migration. Other narrowing changes are allowed and shown by the impact
 * analysis.
 */
export function checkCompat(published: TemplateContent, draft: TemplateContent, locale: Locale = "zh"): DesignerProblem[] {
  const w = checks[locale];
  const before = listFields(published.schema, published.uiSchema);
  const after = new Map(listFields(draft.schema, draft.uiSchema).map((f) => [f.path, f]));
  const problems: DesignerProblem[] = [];
  const reported: string[] = [];
  for (const f of before) {
    if (reported.some((p) => f.path.startsWith(`${p}.`))) continue;
    const now = after.get(f.path);
    if (!now) {
      reported.push(f.path);
      problems.push({ path: f.path, property: "key", message: fmt(w.compatDeleted, { title: f.title, path: f.path }) });
    } else if (storage(f) !== storage(now)) {
      reported.push(f.path);
      problems.push({ path: f.path, property: "kind", message: fmt(w.compatStorage, { title: f.title, before: w.storage[storage(f)], after: w.storage[storage(now)] }) });
    }
  }
  return problems;
}
