/** Reminders on the 工作台: closing and snoozing them. */
const zh = {
  badKey: "提醒编号不正确",
  gone: "这条提醒已不存在：记录已删除，或提醒所依据的日期或条件已改变。请刷新工作台。",
  notYours: "只能处理自己客户的提醒",
  badOutcome: "请从“{rule}”的处理结果中选择：{outcomes}",
  noteTooLong: "备注最多 {max} 个字符",
  badSnooze: "请选择今天之后的日期（格式 YYYY-MM-DD）",
  snoozeTooFar: "最多推迟 {days} 天",
};

const en: Record<keyof typeof zh, string> = {
  badKey: "The reminder id is not valid",
  gone: "This reminder no longer exists: the record was deleted, or the date or condition it was about changed. Reload the workbench.",
  notYours: "You can only handle reminders of your own customers",
  badOutcome: "Choose one of the outcomes of “{rule}”: {outcomes}",
  noteTooLong: "The note may be at most {max} characters",
  badSnooze: "Choose a day after today (YYYY-MM-DD)",
  snoozeTooFar: "A reminder can be snoozed for at most {days} days",
};

export const reminders = { zh, en };
