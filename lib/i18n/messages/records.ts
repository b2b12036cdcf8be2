/** Records: refused input, stale or missing records, archived templates, deleting and restoring. */
const zh = {
  fieldsNeedAttention: "有 {n} 处需要修改",
  dataNotObject: "记录数据必须是一个 JSON 对象",
  badFieldName: "不允许的字段名 {name}：字段名只能包含字母、数字和下划线",
  revisionRequired: "缺少修改所基于的版本号（revision）",
  deleteRevisionRequired: "删除前需要确认记录的版本（当前第 {revision} 版），请刷新后再删除。",
  changedMeanwhile: "这条记录已被 {name} 修改（第 {revision} 版），你的修改基于第 {expected} 版，尚未保存。",
  templateArchived: "模板“{template}”已归档，不能新建记录",
  notFound: "记录不存在或已被删除",
  gone: "记录不存在或已被删除",
  notInTrash: "回收站中没有这条记录",
  badId: "记录不存在",
  deletedNoEdit: "记录已被删除，恢复后才能编辑",
  deleteOwnOnly: "只能删除自己创建的记录",
  restoreBusy: "记录刚被其他人修改，请刷新后重试",
  restoreTaken: "无法恢复：{problems}",
  badFieldPath: "字段路径不正确",
  notMasked: "该字段不是需要遮蔽的个人信息",
  transferEmpty: "请选择要转移的记录",
  transferTooMany: "一次最多转移 {max} 条记录",
  transferTarget: "请选择接收记录的有效用户（启用中、可以编辑记录）",
};

const en: Record<keyof typeof zh, string> = {
  fieldsNeedAttention: "{n} field(s) need attention",
  dataNotObject: "Record data must be a JSON object",
  badFieldName: "Field name {name} is not allowed: letters, digits and underscores only",
  revisionRequired: "The revision the edit started from is required",
  deleteRevisionRequired: "Say which revision you are deleting (it is now revision {revision}); reload and delete again.",
  changedMeanwhile: "{name} changed this record (revision {revision}) after you opened it (revision {expected}); your changes were not saved.",
  templateArchived: 'Template "{template}" is archived; no new records',
  // The same refusal as `gone`, worded for a record looked up (gone: for one that vanished during an edit).
  notFound: "The record does not exist",
  gone: "The record no longer exists",
  notInTrash: "The record is not in the recycle bin",
  // An id that cannot be a record's.
  badId: "The record does not exist",
  deletedNoEdit: "The record has been deleted; restore it before editing",
  deleteOwnOnly: "You can delete only records you created",
  restoreBusy: "Someone else just changed the record; reload and try again",
  restoreTaken: "Cannot restore: {problems}",
  badFieldPath: "The field path is not valid",
  notMasked: "This field is not masked personal data",
  transferEmpty: "Choose the records to transfer",
  transferTooMany: "At most {max} records can be transferred at once",
  transferTarget: "Choose an active user who may edit records to receive them",
};

export const records = { zh, en };
