/**
 * How an uploaded spreadsheet is read, end to end: the header under a title row, a formula whose
 * result is an error, CSV row numbers after a cell with a line break, a CSV the parser cannot finish,
 * a file with a header and no rows.
 */
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { errorSheet } from "@/lib/imports/write-error-sheet";
import { importEnded } from "./support/import-jobs";
import { importRead, importSetup, SEED_HEADER, SEED_ID, seedRow, tempFile, textFile, upload, workbookFile } from "./support/import-files";
import { Cleanup, expectDomainError, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const setup = () => importSetup(cleanup);

describe("reading an uploaded spreadsheet", () => {
  it("finds the header under a title merged across the table, and imports the rows under it", async () => {
    const { agent, key } = await setup();
    const P = unique("S");
    const file = await workbookFile((ws) => {
      ws.addRow(["XX保险代理有限公司 客户档案（2024年）"]);
      ws.mergeCells("A1:T1");
      ws.addRow(SEED_HEADER);
      ws.addRow(seedRow(`${P}-1`));
      ws.addRow(seedRow(`${P}-2`, { 6: "很多" }));
    });
    const r = await importRead(agent, key, file, true);
    expect(r.view.headers).toEqual(SEED_HEADER);
    expect(r.view.sample.map((row) => row[4])).toEqual([`${P}-1`, `${P}-2`]);
    expect(r.check!.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check!.kept.map((k) => k.row)).toEqual([4]);
    expect(r.run!.rows).toEqual({ create: 1, reject: 1 });
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${P}-1`, deletedAt: null })).toBe(1);
  });

  it("refuses a formula whose cached result is an error (#DIV/0!), instead of importing it as blank", async () => {
    const { agent, key } = await setup();
    const P = unique("F");
    const file = await workbookFile((ws) => {
      ws.addRow(SEED_HEADER);
      ws.addRow(seedRow(`${P}-1`, { 6: { formula: "1/0", result: { error: "#DIV/0!" } } }));
      ws.addRow(seedRow(`${P}-2`, { 6: { formula: "250000*2", result: 500000 } }));
    });
    const r = await importRead(agent, key, file, false);
    expect(r.check!.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check!.kept).toEqual([{ row: 2, reason: expect.stringMatching(/单元格是错误值 #DIV\/0!/) as string }]);
  });

  it("numbers CSV rows as Excel shows them after a cell with a line break, on the error sheet too", async () => {
    const { agent, key } = await setup();
    const Q = unique("C");
    const lines = [
      SEED_HEADER.join(","),
      `张三,${SEED_ID},13800138000,北京,${Q}-1,金福,500000,2023/1/1,2033/1/1,年缴,12000,2023/1/15,已缴费,,,,2023/2/1,电话,"第一行\n第二行",`,
      `赵六,${SEED_ID},13800138000,深圳,${Q}-2,金福,500000,2023/13/1,2033/1/1,年缴,12000,2023/1/15,已缴费,,,,,,,`,
    ];
    const r = await importRead(agent, key, await textFile("\uFEFF" + lines.join("\r\n") + "\r\n"), false);
    expect(r.check!.kept.map((k) => k.row)).toEqual([3]);
    const sheet = await errorSheet({ actor: agent, templateKey: key, id: r.view.id, phase: "check", locale: "zh" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await new Response(sheet.stream).arrayBuffer()) as never);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0].at(-1)).toBe("原行号");
    expect(rows.slice(1).map((row) => [row[1], row.at(-1)])).toEqual([["赵六", 3]]);
  });

  it("says in Chinese on which row a CSV's quote is never closed", async () => {
    const { agent, key } = await setup();
    const lines = ["客户姓名,身份证号码,保单号,保险类型"];
    for (let i = 0; i < 10; i++) lines.push(`张${i},${SEED_ID},${unique("Q")},人寿险`);
    lines.push(`"李四,${SEED_ID},${unique("Q")},人寿险`);
    const view = await upload(agent, key, await textFile(lines.join("\n")));
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "check" });
    const ended = await importEnded(agent, key, view.id, "check");
    expect(ended.check!.progress.status).toBe("failed");
    expect(ended.check!.progress.error).toMatch(/^无法读取这个 CSV 文件：第 12 行的引号/);
    expect(ended.check!.progress.error).not.toMatch(/[A-Za-z]{4,}/);
  });

  it("refuses a file with a header and no rows at upload, unless another sheet may hold them", async () => {
    const { agent, key } = await setup();
    const csv = await expectDomainError(upload(agent, key, await textFile(`\uFEFF${SEED_HEADER.join(",")}\r\n\r\n`)), "BAD_REQUEST");
    expect(csv.message).toBe("表格只有表头，没有数据行：请在表头下面填写数据后再导入");
    await expectDomainError(upload(agent, key, await workbookFile((ws) => ws.addRow(SEED_HEADER))), "BAD_REQUEST");
    const file = await tempFile("客户.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("填写说明").addRow(["请按下表填写", "每行一张保单"]);
    wb.addWorksheet("数据").addRows([SEED_HEADER, seedRow(unique("H"))]);
    await wb.xlsx.writeFile(file);
    const view = await upload(agent, key, file);
    // The data's sheet is chosen at upload: the first sheet's header matches no field (tester round 7, P2-3).
    expect(view.sheet).toBe("数据");
    expect(view.headers).toEqual(SEED_HEADER);
    const chosen = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { sheet: "数据" } });
    expect(chosen.headers).toEqual(SEED_HEADER);
    // A sheet chosen after the upload with a header and no rows: the check says so.
    const empty = await tempFile("客户.xlsx");
    const two = new ExcelJS.Workbook();
    two.addWorksheet("填写说明").addRow(["请按下表填写", "每行一张保单"]);
    two.addWorksheet("数据").addRow(SEED_HEADER);
    await two.xlsx.writeFile(empty);
    const second = await upload(agent, key, empty);
    await updateImport({ actor: agent, templateKey: key, id: second.id, input: { sheet: "数据", constants: { "policy.insuranceType": "人寿险" } } });
    await startImport({ actor: agent, templateKey: key, id: second.id, phase: "check" });
    const checked = await importEnded(agent, key, second.id, "check");
    expect([checked.check!.progress.status, checked.check!.progress.error]).toEqual(["failed", "表格只有表头，没有数据行：请在表头下面填写数据后再导入"]);
  });
});
