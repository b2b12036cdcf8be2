/** The print view of a record (a customer file for paper or PDF). */
const zh = {
  pageTitle: "打印",
  toolbar: "打印选项",
  back: "返回记录",
  print: "打印 / 存为 PDF",
  personal: "个人信息",
  masked: "遮蔽个人信息",
  full: "显示完整个人信息",
  fullNote: "这份打印含完整个人信息，已记录在这条记录的个人信息查看记录中。",
  maskedNote: "个人信息已遮蔽（如 1101**********002X）。",
  hint: "在打印对话框中选择「另存为 PDF」即可保存为文件。",
  printedAt: "打印时间",
  printedBy: "打印人",
  timeZone: "北京时间",
  fullStamp: "含完整个人信息",
  maskedStamp: "个人信息已遮蔽",
  updated: "最后修改",
  revision: "第 {n} 版",
  deleted: "该记录已在回收站中",
};

const en: typeof zh = {
  pageTitle: "Print",
  toolbar: "Print options",
  back: "Back to the record",
  print: "Print / save as PDF",
  personal: "Personal data",
  masked: "Mask personal data",
  full: "Show personal data in full",
  fullNote: "This print shows personal data in full; it is recorded in the record's list of who saw personal data.",
  maskedNote: "Personal data is masked (e.g. 1101**********002X).",
  hint: "Choose “Save as PDF” in the print dialog to keep it as a file.",
  printedAt: "Printed at",
  printedBy: "Printed by",
  timeZone: "China Standard Time",
  fullStamp: "Personal data in full",
  maskedStamp: "Personal data masked",
  updated: "Last changed",
  revision: "revision {n}",
  deleted: "This record is in the recycle bin",
};

export const printDictionary = { zh, en };
