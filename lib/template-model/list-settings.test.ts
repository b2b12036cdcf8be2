import { describe, expect, it } from "vitest";
import { checkModel } from "./check-model";
import { LIST_META_COLUMNS, moveColumn, setColumn, setDefaultSort, setTitleField, titleCandidates, withDefaultTitle } from "./list-settings";
import type { DesignerField, DesignerModel } from "./model";
import { deleteField, insertField, removeField } from "./model-paths";
import { blankModel, createField } from "./new-field";
import { renameKey } from "./rename-key";

const f = (kind: DesignerField["kind"], key: string, patch: Partial<DesignerField> = {}): DesignerField => ({ ...createField({ kind, label: key, siblingKeys: [], key }), ...patch });

function model(): DesignerModel {
  let m = blankModel("家财险");
  m = insertField(m, "", f("section", "owner", { children: [f("boolean", "rented"), f("multiselect", "cover"), f("text", "name"), f("mobile", "phone")] }));
  m = insertField(m, "", f("table", "family", { children: [f("text", "member")] }));
  return m;
}

describe("list settings", () => {
  it("puts a new field column before the meta columns that end the list", () => {
    let m = setColumn(model(), "@updatedAt", true);
    m = setColumn(m, "owner.name", true);
    m = setColumn(m, "@createdAt", true);
    m = setColumn(m, "owner.phone", true);
    expect(m.list.columns).toEqual(["owner.name", "owner.phone", "@updatedAt", "@createdAt"]);
  });

  it("offers one-value fields outside tables as titles", () => {
    expect(titleCandidates(model()).map((c) => c.path)).toEqual(["owner.name", "owner.phone"]);
    expect(titleCandidates(removeField(model(), "owner.name")).map((c) => c.path)).toEqual(["owner.phone"]);
  });

  it("gives a new template the first text field as its record title, and never replaces a chosen one", () => {
    expect(blankModel("x").list.titleField).toBeUndefined();
    expect(withDefaultTitle(blankModel("x")).list.titleField).toBeUndefined();
    expect(withDefaultTitle(model()).list.titleField).toBe("owner.name");
    expect(withDefaultTitle(setTitleField(model(), "owner.phone")).list.titleField).toBe("owner.phone");
    // The title follows the field's key while it is still a new field, and is valid.
    const renamed = renameKey(withDefaultTitle(model()), "owner.name", "fullName");
    expect(renamed.list.titleField).toBe("owner.fullName");
    expect(checkModel(renamed, { publishing: true })).toEqual([]);
  });

  it("orders columns, shows meta columns and field columns through their own flag", () => {
    let m = setColumn(model(), "owner.name", true);
    m = setColumn(m, "owner.phone", true);
    // New field columns go before the meta columns (更新时间) that end the list.
    expect(m.list.columns).toEqual(["owner.name", "owner.phone", "@updatedAt"]);
    expect(m.sections[0].children!.find((c) => c.key === "name")!.showInList).toBe(true);
    m = moveColumn(m, 0, 1);
    expect(m.list.columns).toEqual(["owner.phone", "owner.name", "@updatedAt"]);
    expect(moveColumn(m, 0, -1)).toBe(m);
    m = setColumn(setColumn(m, "@updatedAt", false), "@createdAt", true);
    expect(m.list.columns).toEqual(["owner.phone", "owner.name", "@createdAt"]);
    m = setColumn(m, "owner.name", false);
    expect(m.sections[0].children!.find((c) => c.key === "name")!.showInList).toBe(false);
    // Verification (issue 9) brings its column.
    expect(LIST_META_COLUMNS).toContain("@verification");
  });

  it("drops a deleted field from the title and the default sort, so the draft stays valid", () => {
    let m = setDefaultSort(setTitleField(model(), "owner.name"), { field: "owner.name", dir: "asc" });
    m = deleteField(m, "owner.name");
    expect(m.list.titleField).toBeUndefined();
    expect(m.list.defaultSort).toEqual({ field: "@updatedAt", dir: "desc" });
    expect(checkModel(m)).toEqual([]);
  });
});
