/** Migrating a template's records to a new version, and publishing drafts (which may need one). */
const zh = {
  notFound: "迁移任务不存在",
  unpublished: "模板尚未发布，没有需要迁移的数据；请直接在设计器中修改",
  running: "这个模板已有一个迁移正在进行，请等它完成后再开始新的迁移",
  versionTaken: "第 {version} 版已有迁移记录，请刷新后重试",
  alreadyDone: "迁移已完成，无需继续",
  publishedOther: "模板已发布了第 {version} 版（不是这次迁移），迁移未执行",
  versionMoved: "模板当前是第 {current} 版，迁移基于第 {from} 版，未执行",
  draftConflict: "草稿与这次迁移冲突：{problem}。请先处理草稿",
  noDraftToAnalyze: "没有草稿可分析；请先保存草稿或在请求中提供 content",
  noDraftToPublish: "没有草稿可发布",
  draftOutdated: "草稿基于第 {base} 版，而当前已是第 {current} 版；请重新打开设计器核对后再发布",
  modeInvalid: "mode 只能是 preview 或 start",
};

const en: Record<keyof typeof zh, string> = {
  notFound: "The migration job does not exist",
  unpublished: "The template is not published yet, so there is no data to migrate; change it in the designer instead",
  running: "A migration of this template is already running; wait for it to finish before starting another",
  versionTaken: "Version {version} already has a migration; reload and try again",
  alreadyDone: "The migration has finished; there is nothing to resume",
  publishedOther: "The template has already published version {version} (not from this migration); the migration was not run",
  versionMoved: "The template is at version {current}, but the migration starts from version {from}; it was not run",
  draftConflict: "The draft conflicts with this migration: {problem}. Deal with the draft first",
  noDraftToAnalyze: "There is no draft to analyse; save a draft first or send content in the request",
  noDraftToPublish: "There is no draft to publish",
  draftOutdated: "The draft is based on version {base}, but the template is now at version {current}; reopen the designer and check it before publishing",
  modeInvalid: "mode must be preview or start",
};

export const migrations = { zh, en };
