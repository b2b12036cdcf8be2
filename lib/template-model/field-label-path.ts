import type { DesignerModel } from "./model";
import { getField } from "./model-paths";

/** "客户基础信息 › 职业" for a field path, from the labels along it. */
export function fieldLabelPath(model: DesignerModel, path: string, rootLabel = "模板"): string {
  if (!path) return rootLabel;
  const segs = path.split(".");
  return segs.map((_, i) => {
    const f = getField(model, segs.slice(0, i + 1).join("."));
    return f?.label || segs[i];
  }).join(" › ");
}
