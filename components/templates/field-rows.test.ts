import { describe, expect, it } from "vitest";
import { defaultContent } from "../../tests/support/default-template";
import { fieldBlocks } from "./field-rows";

describe("fieldBlocks", () => {
  const content = {
    schema: {
      type: "object",
      properties: {
        a: { type: "object", title: "甲", properties: { x: { type: "string", title: "X" }, y: { type: "integer", title: "Y" } } },
        rows: { type: "array", title: "表", items: { type: "object", properties: { d: { type: "string", format: "date", title: "日期" } } } },
        gone: { type: "object", title: "旧", "x-removed": true, properties: { z: { type: "string", title: "Z" } } },
      },
    },
    uiSchema: {},
    list: { columns: [] },
  };

  it("groups fields under their root, with paths, depth and kinds", () => {
    const blocks = fieldBlocks(content as never);
    expect(blocks.map((b) => b.root.path)).toEqual(["a", "rows", "gone"]);
    expect(blocks[0].root).toMatchObject({ label: "甲", kind: "section", depth: 0, container: true });
    expect(blocks[0].fields.map((f) => [f.path, f.kind, f.depth])).toEqual([
      ["a.x", "text", 1],
      ["a.y", "integer", 1],
    ]);
    expect(blocks[1].fields[0]).toMatchObject({ path: "rows.d", kind: "date", key: "d" });
  });

  it("marks fields of a hidden section as hidden", () => {
    const gone = fieldBlocks(content as never)[2];
    expect(gone.root.removed).toBe(true);
    expect(gone.fields[0]).toMatchObject({ path: "gone.z", removed: true });
  });

  it("lists every field of the shipped template", () => {
    const blocks = fieldBlocks(defaultContent());
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.flatMap((b) => b.fields).length).toBeGreaterThan(30);
  });
});
