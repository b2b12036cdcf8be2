import { renderToStaticMarkup } from "react-dom/server";
import { customizeValidator } from "@rjsf/validator-ajv8";
import { describe, expect, it } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import type { JsonSchema } from "@/lib/schema/types";
import { I18nProvider } from "../i18n-provider";
import { GeneratedForm } from "./generated-form";

// A condition in one section that looks at a field of another: the templates can only see it
// through the whole record, which GeneratedForm must hand down (the designer's preview once didn't).
const schema: JsonSchema = {
  type: "object",
  properties: {
    first: { type: "object", title: "第一部分", properties: { kind: { type: "string", title: "类别", enum: ["甲", "乙"] } } },
    second: {
      type: "object",
      title: "第二部分",
      properties: { detail: { type: "string", title: "乙类说明", "x-visibleWhen": { field: "/first/kind", equals: "乙" } } },
    },
  },
};

// Node may compile; the browser gets the same validators precompiled (lib/schema/standalone-code.ts).
const validator = customizeValidator({ ajvOptionsOverrides: { strict: false, allErrors: false } });

function render(data: Record<string, unknown>) {
  return renderToStaticMarkup(
    <I18nProvider locale="zh" dictionary={dictionaries.zh}>
      <GeneratedForm schema={schema} uiSchema={{}} validator={validator} data={data} setData={() => undefined} errors={[]} onLeave={() => undefined} onSubmit={() => undefined} />
    </I18nProvider>,
  );
}

describe("GeneratedForm", () => {
  it("shows a field whose condition refers to another section once that section's value matches", () => {
    expect(render({ first: { kind: "乙" } })).toContain("乙类说明");
  });

  it("hides it while the other section's value does not match", () => {
    const html = render({ first: { kind: "甲" } });
    expect(html).toContain("类别");
    expect(html).not.toContain("乙类说明");
  });

  it("shows a field's message next to it", () => {
    const html = render({ first: { kind: "乙" } }).length;
    const withError = renderToStaticMarkup(
      <I18nProvider locale="zh" dictionary={dictionaries.zh}>
        <GeneratedForm
          schema={schema}
          uiSchema={{}}
          validator={validator}
          data={{ first: { kind: "乙" } }}
          setData={() => undefined}
          errors={[{ path: "/second/detail", label: "乙类说明", message: "请填写乙类说明", keyword: "required" }]}
          onLeave={() => undefined}
          onSubmit={() => undefined}
        />
      </I18nProvider>,
    );
    expect(withError).toContain("请填写乙类说明");
    expect(withError.length).toBeGreaterThan(html);
  });
});
