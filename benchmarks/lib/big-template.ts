// A generated template for the form benchmark: `sections` sections of `perSection` fields of
// mixed kinds (text, numbers, money, dates, choices, yes/no, phone, e-mail, long text), one
// field per section shown only on a condition (x-visibleWhen), and a table in the first section.

const KINDS = ["text", "number", "money", "date", "select", "boolean", "mobile", "email", "integer", "textarea", "multiselect", "text"] as const;
const OPTIONS = ["甲", "乙", "丙", "丁"];

function fieldSchema(kind: (typeof KINDS)[number], title: string): Record<string, unknown> {
  switch (kind) {
    case "text":
      return { type: "string", title, maxLength: 200 };
    case "textarea":
      return { type: "string", title, maxLength: 2000 };
    case "number":
      return { type: "number", title, minimum: 0 };
    case "money":
      return { type: "number", title, minimum: 0, "x-kind": "money" };
    case "integer":
      return { type: "integer", title, minimum: 0, maximum: 1000 };
    case "date":
      return { type: "string", format: "date", title };
    case "select":
      return { type: "string", title, enum: OPTIONS };
    case "multiselect":
      return { type: "array", title, items: { type: "string", enum: OPTIONS }, uniqueItems: true };
    case "boolean":
      return { type: "boolean", title };
    case "mobile":
      return { type: "string", format: "cn-mobile", title, "x-pii": "phone" };
    case "email":
      return { type: "string", format: "email", title, maxLength: 100 };
  }
}

/** The template file (the format importTemplate reads) and the number of fields in it. */
export function bigTemplate(params: { key: string; sections: number; perSection: number }) {
  const { key, sections, perSection } = params;
  const properties: Record<string, unknown> = {};
  const uiSchema: Record<string, unknown> = {};
  let fields = 0;
  for (let s = 1; s <= sections; s++) {
    const props: Record<string, unknown> = {};
    const ui: Record<string, unknown> = {};
    for (let f = 1; f <= perSection; f++) {
      const kind = f === 1 ? "select" : KINDS[(s + f) % KINDS.length];
      const schema = fieldSchema(kind, `第${s}节字段${f}`);
      // The last field of each section appears only for one answer of the first (a condition).
      if (f === perSection) schema["x-visibleWhen"] = { field: `f1`, equals: "甲" };
      props[`f${f}`] = schema;
      if (kind === "textarea") ui[`f${f}`] = { "ui:widget": "textarea", "ui:options": { rows: 2 } };
      fields++;
    }
    if (s === 1) {
      props.rows = {
        type: "array",
        title: "明细表",
        maxItems: 50,
        items: { type: "object", additionalProperties: false, required: ["item"], properties: { item: { type: "string", title: "项目", maxLength: 100 }, amount: { type: "number", title: "金额", minimum: 0, "x-kind": "money" }, on: { type: "string", format: "date", title: "日期" } } },
      };
      fields += 4;
    }
    properties[`s${s}`] = { type: "object", title: `第 ${s} 节`, additionalProperties: false, required: ["f2"], properties: props };
    uiSchema[`s${s}`] = ui;
  }
  const content = {
    schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", title: "大表单", additionalProperties: false, properties },
    uiSchema,
    list: { columns: ["s1.f2", "s1.f3", "@updatedAt"], defaultSort: { field: "@updatedAt", dir: "desc" }, titleField: "s1.f2" },
  };
  const document = { format: "dossier-template", formatVersion: 1, key, name: `基准大表单 ${fields} 字段`, productLine: "基准", description: "表单性能基准测试生成的模板", content };
  return { document, fields };
}
