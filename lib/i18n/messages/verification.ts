/** Verification (双重验证): refusals of verify and return. */
const zh = {
  off: "模板“{template}”未开启双重验证",
  alreadyVerified: "这条记录已核对（第 {revision} 版），无需再次核对",
  notWaiting: "这条记录已退回给录入人，待其修改后再核对",
  ownChange: "不能核对自己录入或修改的内容：请由其他核对人员处理",
  stale: "你核对的是第 {expected} 版，记录已被 {name} 修改为第 {revision} 版。请重新查看改动后再核对。",
  revisionRequired: "缺少所核对的记录版本（revision）",
  reasonRequired: "请填写退回原因",
  reasonTooLong: "退回原因最多 {max} 个字符",
  bulkTouched: "你修改过这条记录，不能批量核对",
  bulkTooMany: "一次最多批量核对 {max} 条记录",
  bulkEmpty: "请选择要核对的记录",
  incomplete: "这条记录待补全（{sections}）：请录入人补全后再核对",
};

const en: Record<keyof typeof zh, string> = {
  off: "Template “{template}” does not use verification",
  alreadyVerified: "This record is already verified (revision {revision})",
  notWaiting: "This record was returned to whoever entered it; verify it once they have corrected it",
  ownChange: "You cannot verify what you entered or changed yourself: another reviewer must",
  stale: "You checked revision {expected}, but {name} has since changed the record (now revision {revision}). Review the changes again, then verify.",
  revisionRequired: "The revision you checked is required",
  reasonRequired: "Say why the record is returned",
  reasonTooLong: "The reason may be at most {max} characters",
  bulkTouched: "You changed this record, so you cannot verify it in bulk",
  bulkTooMany: "At most {max} records can be verified at once",
  bulkEmpty: "Choose the records to verify",
  incomplete: "This record is incomplete ({sections}): it can be verified once whoever entered it has completed it",
};

export const verification = { zh, en };
