import shipped from "../../schemas/customer-archive.json";
import { residentIdCheckChar } from "../../lib/schema/cn-id";
import { listFields } from "../../lib/schema/fields";
import type { FieldInfo, JsonSchema, TemplateContent } from "../../lib/schema/types";

/** The shipped default template's content, deep-copied so a test can never change another's. */
export function defaultContent(): TemplateContent {
  const t = JSON.parse(JSON.stringify(shipped)) as TemplateContent;
  return { schema: t.schema, uiSchema: t.uiSchema, list: t.list, demo: t.demo };
}

/** One shared, read-only copy for tests that only read (validators cache per schema object). */
export const content = defaultContent();
export const schema: JsonSchema = content.schema;
export const fields: FieldInfo[] = listFields(content.schema, content.uiSchema);

/** A valid resident ID: the 17 given digits plus their GB 11643 check character. */
export function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

/** IDs used across tests, with the facts they encode. */
export const IDS = {
  /** Born 1949-12-31, female, check character X. */
  womanX: "11010519491231002X",
  /** Born 1980-01-01, male. */
  man: residentId("31010419800101123"),
  /** Born 1990-03-07, male. */
  man2: residentId("44030519900307555"),
  /** Born 1985-12-31, female. */
  woman: residentId("32010219851231004"),
};

/** A complete, valid record of the default template that exercises every section. */
export function completeRecord(): Record<string, unknown> {
  return {
    basic: {
      customerNo: "KH000001",
      name: "王小明",
      gender: "男",
      birthDate: "1980-01-01",
      idNumber: IDS.man,
      mobile: "13912345678",
      email: "wang@example.com",
      address: "北京市朝阳区建国路 88 号",
    },
    policy: {
      policyNo: "0086000123",
      productName: "安心人生终身寿险",
      insuranceType: "人寿险",
      applicationDate: "2023-12-20",
      sumInsured: 500000,
      premium: 12000,
      paymentMethod: "年缴",
      startDate: "2024-01-01",
      endDate: "2044-01-01",
    },
    policyholder: { relation: "配偶", name: "李娟", idNumber: IDS.woman, contact: "010-12345678" },
    beneficiary: {
      isLegal: false,
      list: [
        { name: "王一", idNumber: IDS.man2, contact: "13800138000", relation: "子女", share: 60 },
        { name: "李娟", idNumber: IDS.woman, relation: "配偶", share: 40 },
      ],
    },
    status: { state: "生效", changedAt: "2024-01-01" },
    payments: [{ date: "2024-01-01", amount: 12000, method: "银行转账", status: "已缴费" }],
    claims: [{ applyDate: "2024-06-01", amount: 3000, reason: "住院治疗", status: "已赔付" }],
    communications: [
      { date: "2024-02-01", method: "电话", content: "电话回访", needFollowUp: true, followUpItem: "寄送保单副本", followUpDate: "2024-02-10" },
      { date: "2024-03-01", method: "微信", needFollowUp: false },
    ],
    notes: { remarks: "客户偏好电话联系" },
  };
}

/** A minimal valid record: only what the default template requires. */
export function minimalRecord(): Record<string, unknown> {
  return {
    basic: { name: "张三", idNumber: IDS.womanX },
    policy: { policyNo: "P0001", insuranceType: "健康险" },
    policyholder: { relation: "本人" },
    beneficiary: { isLegal: true },
    status: { state: "待生效" },
  };
}
