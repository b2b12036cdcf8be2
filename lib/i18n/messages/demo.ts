/** Loading generated demo records into a template. */
const zh = {
  countRange: "数量必须是 1 到 {max} 之间的整数",
  countNumber: "数量必须是数字",
  countBounds: "数量必须是 1 到 1000 之间的整数",
  invalidRecord: "无法生成有效的演示记录：{problem}。请检查模板的演示数据设置（demo）。",
  fieldProblem: "{label}：{message}",
};

const en: Record<keyof typeof zh, string> = {
  countRange: "The count must be a whole number from 1 to {max}",
  countNumber: "The count must be a number",
  countBounds: "The count must be a whole number from 1 to 1000",
  invalidRecord: "Could not generate a valid demo record: {problem}. Check the template's demo data settings (demo).",
  fieldProblem: "{label}: {message}",
};

export const demo = { zh, en };
