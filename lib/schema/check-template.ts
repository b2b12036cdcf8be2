import { createAjv, isDraft2020 } from "./ajv";
import { listFields, valueFieldMap } from "./fields";
import { catastrophicPart } from "./regex-safety";
import { META_COLUMNS } from "./meta-columns";
import type { JsonSchema, TemplateContent } from "./types";

/** A problem with a template definition; `path` points into the schema, uiSchema or list settings. */
export interface TemplateProblem {
  path: string;
  message: string;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkKeys(schema: JsonSchema, pointer: string, problems: TemplateProblem[]) {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const p = `${pointer}/properties/${key}`;
    if (!KEY.test(key)) problems.push({ path: p, message: `字段键“${key}”只能包含字母、数字和下划线，且不能以数字开头` });
    if (!child.title) problems.push({ path: p, message: `字段“${key}”缺少标题（title）` });
    checkKeys(child, p, problems);
    if (child.items) checkKeys(child.items, `${p}/items`, problems);
  }
}

/** Patterns whose matching time can explode (see catastrophicPart), wherever they are in the schema. */
function checkPatterns(node: unknown, pointer: string, problems: TemplateProblem[]) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) return node.forEach((child, i) => checkPatterns(child, `${pointer}/${i}`, problems));
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const part = key === "pattern" && typeof value === "string" ? catastrophicPart(value) : null;
    if (part)
      problems.push({
        path: at,
        message: `格式（正则表达式）中的“${part}”是嵌套的重复，遇到某些输入时校验会卡住很久（拖慢整个系统）；请改写，例如把分隔符放进重复的部分：^\\w+(\\s\\w+)*$`,
      });
    if (key === "patternProperties" && value && typeof value === "object")
      for (const p of Object.keys(value)) if (catastrophicPart(p)) problems.push({ path: at, message: `patternProperties 中的正则表达式“${p}”是嵌套的重复，遇到某些输入时校验会卡住很久` });
    checkPatterns(value, at, problems);
  }
}

/**
 * Checks a template version's content: the schema against its JSON Schema meta-schema, our
 * `x-…` keywords, ajv strict mode, field keys, patterns that could stall validation, and list
 * settings that refer to existing fields.
 */
export function checkTemplate(content: TemplateContent): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const schema = content.schema;
  if (!schema || typeof schema !== "object" || schema.type !== "object" || !schema.properties) {
    return [{ path: "/schema", message: "模板的根必须是包含 properties 的 object" }];
  }
  const ajv = createAjv(isDraft2020(schema));
  if (!ajv.validateSchema(schema)) {
    for (const e of ajv.errors ?? []) problems.push({ path: `/schema${e.instancePath}`, message: `不符合 JSON Schema 规范：${e.message}` });
    return problems;
  }
  try {
    const { $id: _ignored, ...rest } = schema;
    ajv.compile(rest);
  } catch (err) {
    problems.push({ path: "/schema", message: `无法编译：${(err as Error).message}` });
    return problems;
  }
  checkKeys(schema, "/schema", problems);
  checkPatterns(schema, "/schema", problems);
  const fields = valueFieldMap(listFields(schema, content.uiSchema));
  const list = content.list;
  if (!list || !Array.isArray(list.columns)) problems.push({ path: "/list/columns", message: "列表设置缺少 columns" });
  else
    list.columns.forEach((c, i) => {
      if (!META_COLUMNS.includes(c) && !fields.has(c)) problems.push({ path: `/list/columns/${i}`, message: `列“${c}”不是模板中的字段` });
      else if (fields.get(c)?.inArray) problems.push({ path: `/list/columns/${i}`, message: `列“${c}”位于子表格中，不能作为列表列` });
    });
  const sortField = list?.defaultSort?.field;
  if (sortField && !META_COLUMNS.includes(sortField) && !fields.has(sortField))
    problems.push({ path: "/list/defaultSort/field", message: `默认排序字段“${sortField}”不存在` });
  if (list?.titleField && !fields.has(list.titleField))
    problems.push({ path: "/list/titleField", message: `标题字段“${list.titleField}”不存在` });
  return problems;
}


