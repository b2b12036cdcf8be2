/** The personal calendar feed (lib/calendar). */
const zh = {
  noReminders: "您的角色没有提醒，无需日历订阅",
  busy: "日历链接正在生成，请刷新后再试",
};

const en: Record<keyof typeof zh, string> = {
  noReminders: "Your role has no reminders, so there is no calendar to subscribe to",
  busy: "A calendar link is being made right now: reload and try again",
};

export const calendar = { zh, en };
