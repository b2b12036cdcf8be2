/** Customer self-fill links (lib/self-fill): what the server answers staff and customers. */
const zh = {
  unavailable: "此链接不可用：可能已过期、已被撤销、已使用，或地址有误。请联系您的服务人员获取新链接。",
  noSections: "请至少选择一个让客户填写的部分",
  derivedMismatch: "与身份证号码不一致，请核对",
  unknownSection: "模板中没有可供客户填写的部分“{name}”",
  badExpiry: "有效期必须是 1 到 30 天",
  linkNotFound: "找不到这个自填链接",
  notYourLink: "只能撤销自己创建的自填链接",
  linkActorCannot: "客户自填不能创建或管理链接",
  otherSections: "提交的内容包含此链接未开放的部分",
  unknownFields: "提交的内容包含表单中没有的字段",
  consentRequired: "请先阅读并同意个人信息处理说明",
  proposalNotFound: "找不到这条客户自填提交，或它已处理",
  noFieldsChosen: "请至少选择一个要采纳的字段",
  fieldNotInProposal: "所选字段不在这条提交中",
  submissionInProgress: "您的提交正在处理中，请稍候刷新页面查看结果",
  heldForAgent: "与已有记录重复，已交由服务人员核对",
};

const en: Record<keyof typeof zh, string> = {
  unavailable: "This link cannot be used: it may have expired, been revoked or used, or the address is wrong. Please ask your agent for a new link.",
  noSections: "Choose at least one part for the customer to fill in",
  derivedMismatch: "Does not match the ID number; please check it",
  unknownSection: "The template has no part “{name}” a customer could fill in",
  badExpiry: "The link must be valid for 1 to 30 days",
  linkNotFound: "This self-fill link was not found",
  notYourLink: "You can only revoke self-fill links you made",
  linkActorCannot: "A customer filling in a form cannot make or manage links",
  otherSections: "The submission holds parts this link does not offer",
  unknownFields: "The submission holds fields the form does not have",
  consentRequired: "Please read and accept the personal information notice first",
  proposalNotFound: "This customer submission was not found, or it has been dealt with",
  noFieldsChosen: "Choose at least one field to accept",
  fieldNotInProposal: "A chosen field is not part of this submission",
  submissionInProgress: "Your submission is still being processed; please reload the page in a moment",
  heldForAgent: "Matches an existing record; held for the agent to check",
};

export const selfFill = { zh, en };
