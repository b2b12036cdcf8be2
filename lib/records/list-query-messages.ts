import type { Locale } from "../schema/messages";

/** A value from the URL quoted in a message, cut short: the message should not repeat a whole essay. */
export const clip = (s: string) => (Array.from(s).length > 30 ? `${Array.from(s).slice(0, 30).join("")}…` : s);

/** What parseListQuery says about parameters it cannot use, in the reader's language. */
export const listQueryMessages = {
  zh: {
    noOption: (title: string, v: string) => `“${title}”没有选项“${clip(v)}”`,
    noOptions: (title: string) => `请为“${title}”选择至少一项`,
    repeated: (title: string) => `“${title}”的筛选条件重复`,
    yesNo: (title: string) => `“${title}”只能筛选“是”或“否”`,
    notNumber: (title: string, v: string) => `“${title}”的筛选值“${clip(v)}”不是数字`,
    notDate: (title: string, v: string) => `“${title}”的筛选值“${clip(v)}”不是有效日期`,
    tooLong: (title: string) => `“${title}”的筛选值过长`,
    emptyValue: (title: string) => `请填写“${title}”的筛选值`,
    unknownParam: (name: string, known: string[]) => `不认识的参数“${clip(name)}”：可用的是 f.<字段>.<方式>、${known.join("、")}`,
    noField: (path: string) => `不能按“${clip(path)}”筛选：没有这个字段`,
    badOp: (title: string, op: string) => `“${title}”不支持筛选方式“${clip(op)}”`,
    longSearch: "搜索词最多 100 个字符",
    badSort: (field: string) => `不能按“${clip(field)}”排序`,
    badDir: "排序方向只能是 asc 或 desc",
    badPage: (page: string) => `页码“${clip(page)}”不正确，应为 1 到 100000 之间的整数`,
    badSize: (sizes: number[]) => `每页条数只能是 ${sizes.join("、")}`,
    badTrash: "trash 只能是 1 或 0",
    piiFilter: (title: string) => `“${title}”是个人信息，你的角色不能按它筛选`,
    piiSort: (title: string) => `“${title}”是个人信息，你的角色不能按它排序`,
  },
  en: {
    noOption: (title: string, v: string) => `"${title}" has no option "${clip(v)}"`,
    noOptions: (title: string) => `Choose at least one option for "${title}"`,
    repeated: (title: string) => `"${title}" is filtered more than once`,
    yesNo: (title: string) => `"${title}" can only be filtered by yes or no`,
    notNumber: (title: string, v: string) => `The filter value "${clip(v)}" for "${title}" is not a number`,
    notDate: (title: string, v: string) => `The filter value "${clip(v)}" for "${title}" is not a valid date`,
    tooLong: (title: string) => `The filter value for "${title}" is too long`,
    emptyValue: (title: string) => `Enter a filter value for "${title}"`,
    unknownParam: (name: string, known: string[]) => `Unknown parameter "${clip(name)}"; use f.<field>.<operator>, ${known.join(", ")}`,
    noField: (path: string) => `Cannot filter by "${clip(path)}": there is no such field`,
    badOp: (title: string, op: string) => `"${title}" cannot be filtered with "${clip(op)}"`,
    longSearch: "The search may be at most 100 characters long",
    badSort: (field: string) => `Cannot sort by "${clip(field)}"`,
    badDir: "The sort direction must be asc or desc",
    badPage: (page: string) => `Page "${clip(page)}" is not valid; use a whole number from 1 to 100000`,
    badSize: (sizes: number[]) => `The page size must be one of ${sizes.join(", ")}`,
    badTrash: "trash must be 1 or 0",
    piiFilter: (title: string) => `"${title}" is personal data; your role cannot filter by it`,
    piiSort: (title: string) => `"${title}" is personal data; your role cannot sort by it`,
  },
} satisfies Record<Locale, unknown>;

export type ListQueryMessages = (typeof listQueryMessages)["zh"];
