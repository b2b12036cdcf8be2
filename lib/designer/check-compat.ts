import { listFields } from "../schema/fields";
import type { FieldInfo, TemplateContent } from "../schema/types";
import type { DesignerProblem } from "./check-model";

/** How a field's values are stored: what records already hold must keep fitting. */
function storage(f: FieldInfo): string {
  switch (f.kind) {
    case "section":
      return "对象";
    case "table":
      return "子表格";
    case "multiselect":
      return "多选列表";
    case "boolean":
      return "是/否";
    case "number":
    case "money":
    case "percent":
    case "integer":
      return "数字";
    default:
      return "文本";
  }
}

/**
 * Changes a draft may not make to the published version, because stored values would be
 * orphaned or reinterpreted: deleting a published field (hide it with "移除" instead; moving it
 * to another section is a delete too) and changing how its values are stored (text ↔ number…),
 * which is an explicit migration. Other narrowing changes are allowed and shown by the impact
 * analysis.
 */
export function checkCompat(published: TemplateContent, draft: TemplateContent): DesignerProblem[] {
  const before = listFields(published.schema, published.uiSchema);
  const after = new Map(listFields(draft.schema, draft.uiSchema).map((f) => [f.path, f]));
  const problems: DesignerProblem[] = [];
  const reported: string[] = [];
  for (const f of before) {
    if (reported.some((p) => f.path.startsWith(`${p}.`))) continue;
    const now = after.get(f.path);
    if (!now) {
      reported.push(f.path);
      problems.push({ path: f.path, property: "key", message: `已发布的字段“${f.title}”（${f.path}）不能删除或移到别处；请改用“移除”隐藏它，已有数据会保留` });
    } else if (storage(f) !== storage(now)) {
      reported.push(f.path);
      problems.push({ path: f.path, property: "kind", message: `字段“${f.title}”的存储类型从“${storage(f)}”改为“${storage(now)}”需要通过迁移（更改类型）完成` });
    }
  }
  return problems;
}
