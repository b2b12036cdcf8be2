/** Exporting records: refused parameters and the words written into the file. */
const zh = {
  badOption: "导出参数 {name} 只能是 {allowed}",
  sheetsNeedXlsx: "CSV 只有一张表：明细表请选择“展开为多行”，或导出为 .xlsx",
  badIds: "所选记录不正确（最多 {max} 条；条数多时请用 POST，把 ids 放在请求正文中）",
  personalForbidden: "你的角色不能导出完整的个人信息",
  crossSite: "导出只能从本站的列表页发起",
  recordId: "记录 ID",
  yes: "是",
  no: "否",
};

const en: typeof zh = {
  badOption: "The export parameter {name} must be one of {allowed}",
  sheetsNeedXlsx: "A CSV file has one sheet: choose “one row per table row” for tables, or export as .xlsx",
  badIds: "The selected records are not valid (at most {max}; for many, POST them as ids in the request body)",
  personalForbidden: "Your role may not export personal data in full",
  crossSite: "An export can only be started from this site's list page",
  recordId: "Record ID",
  yes: "Yes",
  no: "No",
};

export const exportMessages = { zh, en };
