import { describe, expect, it } from "vitest";
import { content, schema } from "@/tests/support/default-template";
import { checkTemplate } from "../schema/check-template";
import { isResidentId, residentIdFacts } from "../schema/cn-id";
import { isMobile, isPhone } from "../schema/cn-phone";
import type { JsonSchema, TemplateContent } from "../schema/types";
import { prepareData, validateData } from "../schema/validate";
import { generateRecord, sequenceHints } from "./generate-record";
import { fromPattern } from "./from-pattern";
import { addYears, Random } from "./random";
import { SURNAMES } from "./samples";

type Data = Record<string, Record<string, unknown>>;
const TODAY = "2025-06-30";
const hints = content.demo;
const make = (seed: number, sequence = seed + 1) => generateRecord({ schema, hints, seed, sequence, today: TODAY }) as Data;
const records = Array.from({ length: 500 }, (_, i) => make(i));

describe("generateRecord for the default template", () => {
  it("makes 500 records that all pass the template's validation, already clean", () => {
    const failures = records.flatMap((r, i) => {
      const prepared = prepareData(schema, r);
      const errors = validateData(schema, prepared);
      return errors.length ? [{ i, errors: errors.map((e) => `${e.path}: ${e.message}`) }] : [];
    });
    expect(failures).toEqual([]);
    // Nothing for entry clean-up to change: no hidden values, no messy spellings.
    for (const r of records.slice(0, 100)) expect(prepareData(schema, r)).toEqual(r);
  });

  it("gives the same record for the same seed, and different ones for different seeds", () => {
    expect(make(42)).toEqual(make(42));
    expect(JSON.stringify(make(42))).toBe(JSON.stringify(make(42)));
    expect(make(42)).not.toEqual(make(43));
    expect(new Set(records.map((r) => JSON.stringify(r))).size).toBe(500);
  });

  it("writes sequence hints with their prefix and digits; only they change with the sequence", () => {
    expect(records[0].basic.customerNo).toBe("KH000001");
    expect(records[122].policy.policyNo).toBe("00860000000123");
    const a = make(5, 100);
    const b = make(5, 101);
    expect(b.basic.customerNo).toBe("KH000101");
    expect({ ...b, basic: { ...b.basic, customerNo: a.basic.customerNo }, policy: { ...b.policy, policyNo: a.policy.policyNo } }).toEqual(a);
  });

  it("makes valid resident IDs whose birth date and gender match the record, with real region codes", () => {
    const regions = new Set<string>();
    for (const r of records) {
      const id = r.basic.idNumber as string;
      expect(isResidentId(id), id).toBe(true);
      expect(residentIdFacts(id)).toEqual({ birthDate: r.basic.birthDate, gender: r.basic.gender });
      expect(String(r.basic.birthDate) < TODAY).toBe(true);
      regions.add(id.slice(0, 6));
    }
    expect([...regions].every((code) => /^(11|12|31|32|33|37|42|44|50|51|61)\d{4}$/.test(code))).toBe(true);
    expect(regions.size).toBeGreaterThan(10);
    expect(new Set(records.map((r) => r.basic.idNumber)).size).toBeGreaterThan(495);
  });

  it("makes realistic names, phones, emails and addresses", () => {
    for (const r of records) {
      const name = r.basic.name as string;
      expect(name.length).toBeGreaterThanOrEqual(2);
      expect(name.length).toBeLessThanOrEqual(4);
      expect(SURNAMES.some((s) => name.startsWith(s))).toBe(true);
      if (r.basic.mobile) expect(isMobile(r.basic.mobile as string)).toBe(true);
      if (r.basic.email) expect(r.basic.email).toMatch(/^[a-z]+\d+@(mail\.)?example\.(com|cn|net|org)$/);
      if (r.basic.address) expect(r.basic.address).toMatch(/^(北京市|上海市|天津市|重庆市|.+省.+市).+区.+号/);
      if (r.policyholder?.contact) expect(isPhone(r.policyholder.contact as string)).toBe(true);
    }
    expect(records.filter((r) => r.basic.mobile).length).toBeGreaterThan(350);
  });

  it("follows numeric and choice hints", () => {
    const products = (hints?.["policy.productName"] as { oneOf: { value: string }[] }).oneOf.map((e) => e.value);
    for (const r of records) {
      const p = r.policy;
      if (p.sumInsured !== undefined) {
        expect(p.sumInsured).toBeGreaterThanOrEqual(50000);
        expect(p.sumInsured).toBeLessThanOrEqual(3000000);
        expect((p.sumInsured as number) % 10000).toBe(0);
      }
      if (p.productName !== undefined) expect(products).toContain(p.productName);
    }
    const states = records.map((r) => r.status?.state).filter(Boolean);
    expect(states.filter((s) => s === "生效").length).toBeGreaterThan(states.length / 3);
  });

  it("exercises the conditional parts: policyholders, named beneficiaries adding up to 100, follow-ups", () => {
    const holders = records.filter((r) => r.policyholder && r.policyholder.relation !== "本人");
    expect(holders.length).toBeGreaterThan(100);
    for (const r of holders) expect(Object.keys(r.policyholder).sort()).toEqual(["contact", "idNumber", "name", "relation"]);
    for (const r of records.filter((x) => x.policyholder?.relation === "本人")) expect(r.policyholder).toEqual({ relation: "本人" });

    const named = records.filter((r) => r.beneficiary?.isLegal === false);
    expect(named.length).toBeGreaterThan(100);
    const sizes = new Set<number>();
    for (const r of named) {
      const list = r.beneficiary.list as { share: number }[];
      sizes.add(list.length);
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list.reduce((s, b) => s + b.share, 0)).toBe(100);
    }
    expect([...sizes].sort()).toEqual([1, 2, 3, 4]);
    for (const r of records.filter((x) => x.beneficiary?.isLegal === true)) expect(r.beneficiary.list).toBeUndefined();

    const comms = records.flatMap((r) => (r.communications as unknown as Record<string, unknown>[] | undefined) ?? []);
    expect(comms.some((c) => c.needFollowUp === true && c.followUpItem && c.followUpDate)).toBe(true);
    for (const c of comms) if (c.needFollowUp !== true) expect(c.followUpItem).toBeUndefined();
    const rowCounts = new Set(records.map((r) => ((r.payments as unknown as unknown[]) ?? []).length));
    // The template's hint: 1–5 payments, on nine files in ten (none before the policy starts).
    expect([...rowCounts].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("makes files that hang together: the fields a real file has, products of their type, ordered dates, a status that follows them", () => {
    const types = Object.fromEntries((hints?.["policy.productName"] as { oneOf: { value: string; with: { insuranceType: string } }[] }).oneOf.map((e) => [e.value, e.with.insuranceType]));
    expect(types["金福年金险"]).toBe("年金险");
    const inDays = (iso: string) => Math.round((Date.parse(iso) - Date.parse(TODAY)) / 86400000);
    for (const r of records) {
      const p = r.policy;
      // Every file has its number, its product and its dates.
      for (const k of ["customerNo", "name", "idNumber"]) expect(r.basic[k], k).toBeTruthy();
      for (const k of ["policyNo", "productName", "insuranceType", "applicationDate", "startDate", "endDate", "sumInsured", "premium"]) expect(p[k], k).toBeDefined();
      expect(p.insuranceType).toBe(types[p.productName as string]);
      // 投保 ≤ 起始 < 到期, and the application is not in the future.
      const [applied, start, end] = [p.applicationDate, p.startDate, p.endDate].map(String);
      expect(applied <= start && start < end, `${applied} ${start} ${end}`).toBe(true);
      expect(String(p.applicationDate) <= TODAY).toBe(true);
      const state = r.status.state;
      if (String(p.startDate) > TODAY) expect(state).toBe("待生效");
      else if (String(p.endDate) < TODAY) expect(state).toBe("失效");
      else expect(["生效", "已退保"]).toContain(state);
      expect(String(r.status.changedAt) <= TODAY).toBe(true);
      if (state === "生效") expect(r.status.changedAt).toBe(p.startDate);
      if (state === "失效") expect(String(r.status.changedAt) > String(p.endDate)).toBe(true);
      // Payments and claims happen during the term and by today, in date order; a payment is the premium.
      const payments = (r.payments ?? []) as unknown as Record<string, unknown>[];
      const claims = (r.claims ?? []) as unknown as Record<string, unknown>[];
      for (const [rows, field] of [[payments, "date"], [claims, "applyDate"]] as const) {
        const dates = rows.map((x) => x[field]).filter(Boolean) as string[];
        for (const d of dates) expect(d >= String(p.startDate) && d <= String(p.endDate) && d <= TODAY, `${field} ${d}`).toBe(true);
        expect(dates).toEqual([...dates].sort());
        // One row per day: two same-day payments of the premium read as one entered twice.
        expect(new Set(dates).size, `${field} ${dates.join(" ")}`).toBe(dates.length);
      }
      for (const x of payments) if (x.amount !== undefined) expect(x.amount).toBe(p.premium);
      for (const c of (r.communications ?? []) as unknown as Record<string, unknown>[]) {
        if (c.date) expect(String(c.date) >= String(p.applicationDate) && String(c.date) <= TODAY).toBe(true);
        if (c.date && c.followUpDate) expect(String(c.followUpDate) > String(c.date)).toBe(true);
      }
    }
    // Enough of each kind for a demo: expiring soon (reminders), not started, lapsed, claims, follow-ups.
    const soon = records.filter((r) => inDays(String(r.policy.endDate)) >= 0 && inDays(String(r.policy.endDate)) <= 90);
    expect(soon.length).toBeGreaterThan(40);
    const count = (f: (r: Data) => boolean) => records.filter(f).length;
    expect(count((r) => r.status.state === "待生效")).toBeGreaterThan(5);
    expect(count((r) => r.status.state === "失效")).toBeGreaterThan(20);
    expect(count((r) => r.status.state === "生效")).toBeGreaterThan(200);
    expect(count((r) => Boolean(r.claims))).toBeGreaterThan(50);
    expect(count((r) => Boolean(r.claims))).toBeLessThan(200);
    expect(count((r) => (r.communications as unknown as { needFollowUp?: boolean }[] | undefined)?.some((c) => c.needFollowUp) ?? false)).toBeGreaterThan(50);
  });

  it("puts end dates after start dates", () => {
    const both = records.filter((r) => r.policy.startDate && r.policy.endDate);
    expect(both.length).toBeGreaterThan(300);
    for (const r of both) expect(String(r.policy.endDate) > String(r.policy.startDate)).toBe(true);
  });

  it("uses today as the default horizon", () => {
    const r = generateRecord({ schema, hints, seed: 1, sequence: 1 }) as Data;
    expect(isResidentId(r.basic.idNumber as string)).toBe(true);
    expect(String(r.basic.birthDate) < new Date().toISOString().slice(0, 10)).toBe(true);
  });
});

describe("generateRecord for another template, without any hints", () => {
  // A template that has nothing to do with insurance, to show the generator knows no field names.
  const other: TemplateContent = {
    schema: {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      additionalProperties: false,
      required: ["asset", "usage"],
      properties: {
        asset: {
          type: "object",
          title: "设备",
          additionalProperties: false,
          required: ["code", "kind", "count", "boughtOn"],
          properties: {
            code: { type: "string", title: "编号", pattern: "^[A-Z]{2}[0-9]{6}$", "x-unique": true },
            kind: { type: "string", title: "类别", enum: ["电脑", "打印机", "投影仪"] },
            count: { type: "integer", title: "数量", minimum: 1, maximum: 50 },
            weight: { type: "number", title: "重量", exclusiveMinimum: 0, maximum: 5 },
            tags: { type: "array", title: "标签", items: { type: "string", enum: ["新", "旧", "借出"] }, uniqueItems: true },
            boughtOn: { type: "string", title: "购入日期", format: "date" },
            retiredOn: { type: "string", title: "报废日期", format: "date", "x-notBefore": "boughtOn" },
            checkedAt: { type: "string", title: "盘点时间", format: "date-time" },
            keeper: { type: "string", title: "保管人", maxLength: 3, "x-pii": "name" },
            keeperPhone: { type: "string", title: "保管人电话", format: "cn-phone", "x-visibleWhen": { field: "kind", in: ["电脑"] } },
          },
          if: { properties: { kind: { const: "电脑" } }, required: ["kind"] },
          then: { required: ["keeperPhone"] },
        },
        usage: {
          type: "object",
          title: "使用",
          additionalProperties: false,
          required: ["split"],
          properties: {
            lab: { type: "string", title: "实验室", "x-visibleWhen": { field: "/asset/kind", equals: "投影仪" } },
            split: {
              type: "array",
              title: "分摊",
              minItems: 2,
              maxItems: 3,
              "x-sumEquals": { field: "ratio", value: 1 },
              items: {
                type: "object",
                additionalProperties: false,
                required: ["dept", "ratio"],
                properties: { dept: { type: "string", title: "部门", minLength: 2 }, ratio: { type: "number", title: "比例", minimum: 0.01, maximum: 1 } },
              },
            },
          },
        },
      },
    },
    uiSchema: {},
    list: { columns: ["asset.code"], defaultSort: { field: "@updatedAt", dir: "desc" } },
  };

  it("is a valid template", () => {
    expect(checkTemplate(other)).toEqual([]);
  });

  it("makes 200 valid records from the schema alone", () => {
    const s = other.schema as JsonSchema;
    const made = Array.from({ length: 200 }, (_, i) => generateRecord({ schema: s, seed: i, sequence: i, today: TODAY }) as Data);
    for (const r of made) expect(validateData(s, prepareData(s, r)), JSON.stringify(r)).toEqual([]);
    expect(made.some((r) => r.asset.kind === "电脑" && isPhone(r.asset.keeperPhone as string))).toBe(true);
    expect(made.filter((r) => r.asset.kind !== "电脑").every((r) => r.asset.keeperPhone === undefined)).toBe(true);
    expect(made.filter((r) => r.asset.kind !== "投影仪").every((r) => r.usage.lab === undefined)).toBe(true);
    for (const r of made) expect(((r.usage.split as unknown as { ratio: number }[]).reduce((a, b) => a + b.ratio, 0) * 100).toFixed(6)).toBe("100.000000");
  });
});

describe("helpers", () => {
  it("sequenceHints lists where generated numbers go", () => {
    expect(sequenceHints(hints)).toEqual([
      { path: "basic.customerNo", prefix: "KH", digits: 6 },
      { path: "policy.policyNo", prefix: "0086", digits: 10 },
    ]);
    expect(sequenceHints(undefined)).toEqual([]);
  });

  it("Random is deterministic and spread", () => {
    const a = new Random(1);
    const b = new Random(1);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.05);
    expect(new Random(2).next()).not.toBe(new Random(1).next());
  });

  it("addYears keeps the day, except 29 February", () => {
    expect(addYears("2024-01-31", 10)).toBe("2034-01-31");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });
});

describe("fromPattern", () => {
  it.each(["^[A-Z]{2}[0-9]{6}$", "^[0-9A-Za-z-]+$", "^KH\\d{4,6}$", "^\\w{3}-\\d?x*$", "^a.c$", "^[a-c]{2,}$"])("makes strings that match %s", (pattern) => {
    const rng = new Random(3);
    for (let i = 0; i < 50; i++) expect(fromPattern(pattern, rng)).toMatch(new RegExp(pattern));
  });

  it.each(["^(ab)+$", "^a|b$", "^[^0-9]+$", "^\\p{L}+$"])("gives up on %s", (pattern) => {
    expect(fromPattern(pattern, new Random(1))).toBeUndefined();
  });
});
