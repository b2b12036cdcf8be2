import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { buildDetailSections, type DetailField, type DetailGroup, type DetailNode, type DetailTable } from "./detail-tree";

const schema = archive.schema as unknown as JsonSchema;
const uiSchema = archive.uiSchema as UiSchema;

const field = (nodes: DetailNode[], key: string) => nodes.find((n): n is DetailField => n.type === "field" && n.key === key);
const table = (nodes: DetailNode[], key: string) => nodes.find((n): n is DetailTable => n.type === "table" && n.key === key);

describe("buildDetailSections", () => {
  const data = {
    basic: { name: "张三", idNumber: "1101**********002X", gender: "男" },
    policy: { policyNo: "0086000001", insuranceType: "人寿险", sumInsured: 500000 },
    policyholder: { relation: "本人", name: "leftover" },
    beneficiary: {
      isLegal: false,
      list: [
        { name: "李*", idNumber: "1101**********0011", share: 60 },
        { name: "王*", idNumber: "1101**********0022", share: 40, relation: "子女" },
      ],
    },
    communications: [{ date: "2024-01-02", method: "电话", needFollowUp: false }],
  };
  const sections = buildDetailSections({ schema, uiSchema, data });

  it("makes one section per root object or table, in ui:order", () => {
    expect(sections.map((s) => s.id)).toEqual([
      "section-basic",
      "section-policy",
      "section-policyholder",
      "section-beneficiary",
      "section-status",
      "section-payments",
      "section-claims",
      "section-communications",
      "section-notes",
    ]);
    expect(sections[0].title).toBe("客户基础信息");
  });

  it("orders fields by the section's ui:order and formats values", () => {
    const basic = sections[0].nodes as DetailField[];
    expect(basic.map((f) => f.key).slice(0, 3)).toEqual(["customerNo", "name", "idNumber"]);
    expect(field(sections[1].nodes, "sumInsured")?.text).toBe("¥500,000.00");
    expect(field(sections[1].nodes, "insuranceType")?.options).toContain("人寿险");
    expect(field(basic, "idNumber")).toMatchObject({ pointer: "/basic/idNumber", pii: "idNumber", kind: "idNumber" });
    expect(field(basic, "address")?.wide).toBe(true);
  });

  it("hides fields whose x-visibleWhen condition is false", () => {
    const holder = sections[2].nodes;
    expect(holder.map((n) => n.key)).toEqual(["relation"]);
  });

  it("shows a nested array of objects as a table with JSON pointers per row", () => {
    const list = table(sections[3].nodes, "list")!;
    expect(list.columns.map((c) => c.title)).toEqual(["姓名", "身份证号码", "联系方式", "与被保险人关系", "受益比例"]);
    expect(list.rows).toHaveLength(2);
    expect(list.rows[1].cells[1]).toMatchObject({ pointer: "/beneficiary/list/1/idNumber", pii: "idNumber" });
    expect(list.rows[0].cells[4]?.text).toBe("60%");
    expect(field(sections[3].nodes, "isLegal")?.text).toBe("否（指定受益人）");
  });

  it("hides the beneficiary table when the legal-beneficiary switch hides it", () => {
    const legal = buildDetailSections({ schema, uiSchema, data: { beneficiary: { isLegal: true, list: [{ name: "x" }] } } });
    expect(legal[3].nodes.map((n) => n.key)).toEqual(["isLegal"]);
  });

  it("drops table columns hidden in every row and marks empty sections", () => {
    const comms = table(sections[7].nodes, "communications")!;
    expect(comms.columns.map((c) => c.key)).toEqual(["date", "method", "content", "needFollowUp"]);
    expect(sections.find((s) => s.id === "section-payments")?.isEmpty).toBe(true);
    expect(sections.find((s) => s.id === "section-status")?.isEmpty).toBe(true);
    expect(sections.find((s) => s.id === "section-basic")?.isEmpty).toBe(false);
  });

  it("keeps a row's cell empty where the condition hides it in that row only", () => {
    const rows = [
      { date: "2024-01-02", method: "电话", needFollowUp: true, followUpItem: "回电", followUpDate: "2024-01-09" },
      { date: "2024-01-03", method: "短信", needFollowUp: false },
    ];
    const comms = table(buildDetailSections({ schema, uiSchema, data: { communications: rows } })[7].nodes, "communications")!;
    expect(comms.columns.map((c) => c.key)).toContain("followUpItem");
    const i = comms.columns.findIndex((c) => c.key === "followUpItem");
    expect(comms.rows[0].cells[i]?.text).toBe("回电");
    expect(comms.rows[1].cells[i]).toBeNull();
  });

  it("works for any template: loose root fields, nested groups, removed fields", () => {
    const other: JsonSchema = {
      type: "object",
      properties: {
        plate: { type: "string", title: "车牌号" },
        owner: {
          type: "object",
          title: "车主",
          properties: {
            name: { type: "string", title: "姓名" },
            old: { type: "string", title: "旧字段", "x-removed": true },
            contact: { type: "object", title: "联系方式", properties: { phone: { type: "string", title: "电话", format: "cn-phone" } } },
          },
        },
        km: { type: "integer", title: "里程" },
      },
    };
    const s = buildDetailSections({ schema: other, data: { plate: "沪A12345", km: 12000, owner: { name: "赵六", old: "x" } }, locale: "en" });
    expect(s.map((x) => x.id)).toEqual(["section-general", "section-owner"]);
    expect(s[0].title).toBeUndefined();
    expect(s[0].nodes.map((n) => n.key)).toEqual(["plate", "km"]);
    expect((s[0].nodes[1] as DetailField).text).toBe("12,000");
    expect(s[1].nodes.map((n) => n.key)).toEqual(["name", "contact"]);
    const group = s[1].nodes[1] as DetailGroup;
    expect(group).toMatchObject({ type: "group", title: "联系方式", pointer: "/owner/contact" });
    expect(group.children[0]).toMatchObject({ pointer: "/owner/contact/phone", kind: "phone", text: "" });
  });
});
