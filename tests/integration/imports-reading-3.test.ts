/**
 * How an uploaded spreadsheet is read, end to end (continued): what Excel and other programs store
 * in a cell beside the text shown — phonetic guides, `_x000D_` escapes, inline rich strings.
 */
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { importRead, importSetup, patchPart, seedRow, xlsxFile } from "./support/import-files";
import { Cleanup, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const setup = () => importSetup(cleanup);
const stored = async (key: string, policyNo: string) =>
  ((await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean()) as { data: Record<string, Record<string, unknown>> } | null)?.data;

describe("text as Excel stores it", () => {
  it("reads a name with a phonetic guide (拼音指南, <rPh> in the shared strings) as the name, not its reading", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 0: "单于飞" })]);
    await patchPart(file, "xl/sharedStrings.xml", (xml) => xml.replace("<t>单于飞</t>", '<t>单于飞</t><rPh sb="0" eb="2"><t>chanyu</t></rPh><phoneticPr fontId="1" type="noConversion"/>'));
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 1 });
    expect((await stored(key, `${P}-1`))?.basic.name).toBe("单于飞");
  });

  it("reads a line break Excel stored as _x000D_ (text pasted from another program) as a line break, stored as the form's", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 3: "北京市朝阳区MARK建国路1号" }), seedRow(`${P}-2`, { 3: "代码MARK" })]);
    await patchPart(file, "xl/sharedStrings.xml", (xml) => xml.replace("MARK建国路", "_x000D_\n建国路").replace("代码MARK", "代码_x005F_x000D_"));
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 2 });
    // CR LF as LF: the same address typed in Excel (Alt+Enter) or the form is the same value.
    expect((await stored(key, `${P}-1`))?.basic.address).toBe("北京市朝阳区\n建国路1号");
    // An escaped underscore: the text itself.
    expect((await stored(key, `${P}-2`))?.basic.address).toBe("代码_x000D_");
  });

  it("reads an inline rich string (<is><r>…</r><r>…</r></is>, as POI and WPS write) with all its runs", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 0: "MARKNAME" })]);
    const strings = await (await JSZip.loadAsync(await readFile(file))).file("xl/sharedStrings.xml")!.async("string");
    const index = [...strings.matchAll(/<si>(.*?)<\/si>/gs)].findIndex((m) => m[1].includes("MARKNAME"));
    await patchPart(file, "xl/worksheets/sheet1.xml", (xml) => {
      const out = xml.replace(new RegExp(`<c r="A2"([^>]*?) t="s"><v>${index}</v></c>`), '<c r="A2"$1 t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三丰</t></r></is></c>');
      expect(out).not.toBe(xml);
      return out;
    });
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 1 });
    expect((await stored(key, `${P}-1`))?.basic.name).toBe("张三丰");
  });
});
