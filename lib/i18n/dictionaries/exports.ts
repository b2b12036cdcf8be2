/** The list's 导出 dialog. */
const zh = {
  button: "导出",
  title: "导出记录",
  scope: "导出范围：当前列表视图（含筛选、搜索与排序），共 {n} 条记录",
  scopeEmpty: "当前视图没有记录可导出",
  scopeSelected: "导出范围：已勾选的 {n} 条记录（按当前排序，与筛选无关）",
  format: "文件格式",
  formats: { xlsx: "Excel（.xlsx）", csv: "CSV（UTF-8 文本）" } as Record<string, string>,
  csvNumbers:
    "Excel 打开 CSV 时会把长数字当成数字：18 位身份证号码变成 1.1E+17、末几位丢失，以 0 开头的编号（如 0001）丢掉开头的 0，再保存后就不能正确导入。有这类字段时请导出为 Excel（.xlsx）。",
  columns: "导出的列",
  columnOptions: { list: "列表中显示的列", all: "全部字段（含缴费、理赔等明细表）" } as Record<string, string>,
  tables: "明细表",
  tableOptions: { flat: "展开为多行：每条明细一行，记录字段重复（与原表格形状一致，可直接再导入）", sheets: "每个明细表单独一张工作表，按记录键关联" } as Record<string, string>,
  sheetsXlsxOnly: "CSV 只有一张表，明细表会展开为多行",
  personal: "含完整个人信息（身份证号码、手机号码等）",
  personalHelp: "勾选后，每条导出的记录都会在历史中记下“导出了完整个人信息”。",
  personalMasked: "个人信息以遮蔽形式导出（如 1101**********002X）。",
  formulaNote: "以 =、+、-、@ 开头的内容会加上单引号，防止在 Excel 中被当作公式执行。",
  start: "导出",
  started: "已开始下载，大量记录需要一些时间",
};

const en: typeof zh = {
  button: "Export",
  title: "Export records",
  scope: "What: the current list view (its filters, search and sort), {n} records",
  scopeEmpty: "The current view has no records to export",
  scopeSelected: "What: the {n} ticked records (in the current sort order, whatever the filters)",
  format: "File format",
  formats: { xlsx: "Excel (.xlsx)", csv: "CSV (UTF-8 text)" },
  csvNumbers:
    "Excel opens long digits in a CSV as numbers: an 18-digit ID number becomes 1.1E+17 and loses its last digits, a code such as 0001 loses its leading zeros, and once saved the file no longer imports correctly. With such fields, export as Excel (.xlsx).",
  columns: "Columns",
  columnOptions: { list: "The columns the list shows", all: "Every field (with tables such as payments and claims)" },
  tables: "Tables",
  tableOptions: { flat: "One row per table row, record fields repeated (the original sheet's shape; imports back as is)", sheets: "A sheet per table, joined by the record key" },
  sheetsXlsxOnly: "A CSV file has one sheet: tables come as one row per table row",
  personal: "Include personal data in full (ID and mobile numbers…)",
  personalHelp: "Each exported record's history will say its personal data was exported.",
  personalMasked: "Personal data is exported masked (e.g. 1101**********002X).",
  formulaNote: "Text starting with =, +, - or @ gets a leading apostrophe so Excel never runs it as a formula.",
  start: "Export",
  started: "The download has started; many records take a while",
};

export const exportsDictionary = { zh, en };
