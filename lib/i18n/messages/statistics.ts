/** Statistics dashboards (统计): saving widgets and why one cannot be computed. */
const zh = {
  fieldGone: "字段“{field}”已删除或已改为其他类型",
  personal: "“{field}”是个人信息，统计不能按它分组或汇总",
  needsField: "请选择要统计的字段",
  mixedTables: "“{field}”和“{sum}”属于不同的子表格，不能一起统计",
  outsideTable: "按子表格“{table}”的行统计时，分组和求和都只能用这个子表格中的字段（“{field}”不在其中）",
  owner: "经办人",
  badChart: "这种组件不能用这种图表",
  badFilter: "筛选条件不正确：{reason}",
  widgetProblem: "组件“{title}”：{problem}",
  duplicateId: "组件编号“{id}”重复",
  conflict: "统计页已被{name}修改，请刷新后再编辑",
  failed: "统计失败，请稍后刷新重试",
};

const en: Record<keyof typeof zh, string> = {
  fieldGone: "The field “{field}” was removed or changed its type",
  personal: "“{field}” is personal data: statistics cannot group or add up by it",
  needsField: "Choose the field to count by",
  mixedTables: "“{field}” and “{sum}” belong to different tables and cannot be combined",
  outsideTable: "Statistics over the rows of “{table}” can group and add up only that table's columns (“{field}” is not one)",
  owner: "Agent",
  badChart: "This kind of widget cannot use this chart",
  badFilter: "The filter is not valid: {reason}",
  widgetProblem: "Widget “{title}”: {problem}",
  duplicateId: "The widget id “{id}” is used twice",
  conflict: "{name} changed the dashboard meanwhile; reload it before editing",
  failed: "These figures could not be computed; reload to try again",
};

export const statistics = { zh, en };
