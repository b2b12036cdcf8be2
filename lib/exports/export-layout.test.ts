import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import type { JsonSchema, ListSettings, UiSchema } from "../schema/types";
import { importTargets, suggestMapping } from "../imports/targets";
import { exportCell, localTime } from "./export-cell";
import { exportLayout, sheetName } from "./export-layout";

const fields = listFields(archive.schema as unknown as JsonSchema, archive.uiSchema as UiSchema);
const list = archive.list as unknown as ListSettings;
const layout = (columns: "list" | "all", tables: "flat" | "sheets") => exportLayout({ fields, list, templateName: "客户档案", columns, tables, metaTitle: (id) => `meta${id}` });
const cell = { personal: true, format: "xlsx" as const, yes: "是", no: "否" };

describe("export layout", () => {
  it("flat: every field once, titles the import maps back to the same field, tables' clashing titles qualified", () => {
    const [sheet] = layout("all", "flat");
    const fieldColumns = sheet.columns.filter((c) => !c.id.startsWith("@"));
    const targets = importTargets(fields);
    // Record fields first, then the tables' columns: the seed's one-row shape.
    expect(fieldColumns.map((c) => c.id)).toEqual([...targets.filter((t) => !t.table), ...targets.filter((t) => t.table)].map((t) => t.path));
    // The import reads every header back to the column's own field: the round trip needs nothing from the user.
    expect(suggestMapping(fieldColumns.map((c) => c.header), importTargets(fields))).toEqual(fieldColumns.map((c) => c.id));
    const header = (id: string) => sheet.columns.find((c) => c.id === id)!.header;
    expect(header("basic.name")).toBe("客户姓名");
    expect(header("payments.amount")).toBe("缴费金额");
    // 缴费方式 is also a policy field, 联系方式 an alias of 手机号码, 身份证号码 the insured's own.
    expect(header("payments.method")).toBe("缴费记录·缴费方式");
    expect(header("beneficiary.list.contact")).toBe("指定受益人·联系方式");
    expect(header("beneficiary.list.idNumber")).toBe("指定受益人·身份证号码");
    expect(header("basic.idNumber")).toBe("身份证号码");
    expect(sheet.columns.slice(-3).map((c) => c.id)).toEqual(["@createdAt", "@updatedAt", "@owner"]);
  });

  it("sheets: the record on the first sheet, each table on its own joined by the unique 保单号", () => {
    const sheets = layout("all", "sheets");
    expect(sheets.map((s) => s.name)).toEqual(["客户档案", "指定受益人", "缴费记录", "理赔记录", "沟通记录"]);
    expect(sheets[0].columns.some((c) => c.table)).toBe(false);
    expect(sheets[2].columns.map((c) => c.id)).toEqual(["policy.policyNo", "basic.name", "payments.date", "payments.amount", "payments.method", "payments.status"]);
  });

  it("list: the list's columns, the record title first when the list leaves it out", () => {
    expect(layout("list", "flat")[0].columns.map((c) => c.id)).toEqual(list.columns);
    const without = { ...list, columns: list.columns.filter((c) => c !== list.titleField) };
    const [sheet] = exportLayout({ fields, list: without, templateName: "客户档案", columns: "list", tables: "flat", metaTitle: (id) => id });
    expect(sheet.columns.map((c) => c.id)).toEqual([list.titleField, ...without.columns]);
  });

  it("sheet names fit Excel's rules and stay unique", () => {
    const taken = new Set<string>();
    expect(sheetName("a/b:c*[d]?", taken)).toBe("a b c  d");
    expect(sheetName("A/B:C*[D]?", taken)).toBe("A B C  D_2");
    expect(sheetName("很".repeat(40), taken)).toHaveLength(31);
  });
});

describe("export cells", () => {
  it("numbers stay numbers, dates become date cells (text in CSV), choices join with 、, yes/no in words", () => {
    expect(exportCell(500000, { kind: "money" }, cell)).toBe(500000);
    expect(exportCell("2024-01-31", { kind: "date" }, cell)).toEqual(new Date(Date.UTC(2024, 0, 31)));
    expect(exportCell("2024-01-31", { kind: "date" }, { ...cell, format: "csv" })).toBe("2024-01-31");
    expect(exportCell(["重疾", "医疗"], { kind: "multiselect" }, cell)).toBe("重疾、医疗");
    expect(exportCell(false, { kind: "boolean" }, cell)).toBe("否");
    expect(exportCell("", { kind: "text" }, cell)).toBeNull();
  });

  it("escapes text a spreadsheet would run as a formula", () => {
    for (const s of ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(exportCell(s, { kind: "text" }, cell)).toBe(`'${s}`);
    expect(exportCell("普通文本", { kind: "text" }, cell)).toBe("普通文本");
  });

  it("masks personal data unless the export may show it", () => {
    expect(exportCell("11010519491231002X", { kind: "idNumber", pii: "idNumber" }, { ...cell, personal: false })).toBe("1101**********002X");
    expect(exportCell("11010519491231002X", { kind: "idNumber", pii: "idNumber" }, cell)).toBe("11010519491231002X");
  });

  it("writes times on the reader's clock", () => {
    expect(localTime(new Date("2026-12-03T20:30:00Z"), "Asia/Shanghai")).toBe("2026-12-04 04:30");
    expect(localTime(new Date("2026-12-03T20:30:00Z"), "UTC")).toBe("2026-12-03 20:30");
    // Formatters are kept per zone: each zone keeps its own clock, whichever was asked first.
    expect(localTime(new Date("2026-12-03T23:59:00Z"), "Asia/Shanghai")).toBe("2026-12-04 07:59");
    expect(localTime(new Date("2026-12-03T23:59:00Z"), "America/New_York")).toBe("2026-12-03 18:59");
  });

  it("reads every moment as the zone's own clock does, on days daylight saving starts or ends too", () => {
    // The reference: the formatter asked for each moment, nothing kept.
    const asked = (at: Date, timeZone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
          .formatToParts(at)
          .map((x) => [x.type, x.value]),
      );
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    const zones = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "UTC"];
    // Around New York's and London's changes of 2026 (March 8 and 29, November 1 and October 25),
    // Lord Howe's half-hour one (April 5), a minute apart near them, then a spread over the years.
    const moments = [
      ...["2026-03-08T06:00:00Z", "2026-03-29T00:30:00Z", "2026-04-04T14:30:00Z", "2026-10-25T00:30:00Z", "2026-11-01T05:00:00Z"].flatMap((iso) =>
        Array.from({ length: 240 }, (_, i) => new Date(Date.parse(iso) + (i - 120) * 60_000 + 17_000)),
      ),
      ...Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(1960, 0, 1) + i * 191_234_567_891)),
    ];
    for (const zone of zones) for (const at of moments) expect(`${zone} ${at.toISOString()} ${localTime(at, zone)}`).toBe(`${zone} ${at.toISOString()} ${asked(at, zone)}`);
    // Thousands of formatter calls: seconds on a loaded machine.
  }, 30_000);
});
