/** Typesetting that differs by language: how lists are joined, labels followed, rows counted. */
const zh = {
  listSeparator: "、",
  clauseSeparator: "；",
  colon: "：",
  yes: "是",
  no: "否",
  rows: "{n} 行",
  rowsOne: "{n} 行",
  recordRow: "第 {n} 行",
  pathSeparator: " › ",
};

const en: Record<keyof typeof zh, string> = {
  listSeparator: ", ",
  clauseSeparator: "; ",
  colon: ": ",
  yes: "Yes",
  no: "No",
  rows: "{n} rows",
  rowsOne: "{n} row",
  recordRow: "row {n}",
  pathSeparator: " › ",
};

export const format = { zh, en };
