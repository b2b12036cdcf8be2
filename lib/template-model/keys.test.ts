import { describe, expect, it } from "vitest";
import { deriveKey, keyFromLabel, templateKeyFromName, uniqueKey } from "./keys";
import { KEY_PATTERN } from "./model";
import { updateField } from "./model-paths";
import { blankModel, createField } from "./new-field";
import { toContent } from "./to-content";

describe("keys derived from labels", () => {
  it("reads Chinese labels as pinyin", () => {
    expect(keyFromLabel("职业")).toBe("zhiye");
    expect(keyFromLabel("车牌号")).toBe("chepaihao");
    expect(keyFromLabel("重庆地址")).toBe("chongqingdizhi");
  });

  it("keeps latin words and digits readable and sanitizes the rest", () => {
    expect(keyFromLabel("Plate No.")).toBe("plateNo");
    expect(keyFromLabel("VIP等级")).toBe("vipdengji");
    expect(keyFromLabel("2023年收入")).toBe("f2023nianshouru");
    expect(keyFromLabel("客户 编号(新)")).toBe("kehubianhaoxin");
    expect(keyFromLabel("！！！")).toBe("field");
    expect(keyFromLabel("")).toBe("field");
    for (const label of ["职业", "2023年收入", "a-b c", "…", "😀表情"]) expect(keyFromLabel(label)).toMatch(KEY_PATTERN);
  });

  it("caps long keys", () => {
    expect(keyFromLabel("很长的字段名称".repeat(10)).length).toBeLessThanOrEqual(40);
  });

  it("deduplicates within the holding object", () => {
    expect(deriveKey("职业", [])).toBe("zhiye");
    expect(deriveKey("职业", ["zhiye"])).toBe("zhiye2");
    expect(deriveKey("职业", ["zhiye", "zhiye2"])).toBe("zhiye3");
    expect(uniqueKey("a", ["b"])).toBe("a");
  });

  it("never changes an existing key when the label is renamed", () => {
    const field = createField({ kind: "text", label: "职业", siblingKeys: [] });
    const section = { ...createField({ kind: "section", label: "客户基础信息", siblingKeys: [] }), children: [field] };
    const model = { ...blankModel("t"), sections: [section] };
    const renamed = updateField(model, "kehujichuxinxi.zhiye", (f) => ({ ...f, label: "工作" }));
    const schema = toContent(renamed).schema.properties!.kehujichuxinxi.properties!;
    expect(Object.keys(schema)).toEqual(["zhiye"]);
    expect(schema.zhiye.title).toBe("工作");
  });
});

describe("template keys", () => {
  it("are URL slugs derived from the name", () => {
    // Long Chinese names give short keys: initials past four characters (issue 13: not "jiankangxiankehudangan").
    expect(templateKeyFromName("车险客户档案")).toBe("cxkhda");
    expect(templateKeyFromName("健康险客户档案")).toBe("jkxkhda");
    expect(templateKeyFromName("回访记录")).toBe("huifangjilu");
    expect(templateKeyFromName("Auto Insurance 车险")).toBe("auto-insurance-chexian");
    expect(templateKeyFromName("2024 健康险")).toBe("t-2024-jiankangxian");
    expect(templateKeyFromName("!!")).toBe("template");
  });
});
