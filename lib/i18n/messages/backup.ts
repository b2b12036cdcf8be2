/** Backups and restores: why an archive or a target database is refused. */
const zh = {
  notBackup: "{file} 不是 Dossier 的备份文件",
  damaged: "备份文件 {file} 已损坏（{why}），未做任何更改",
  truncated: "备份文件 {file} 不完整（缺少结尾的清单，可能在写入时中断），未做任何更改",
  checksum: "备份文件 {file} 中「{collection}」的校验和与清单不符（文件已损坏），未做任何更改",
  notEmpty: "目标数据库不是空的（已有 {collections}）：请恢复到空数据库，或加 --force 清空这些集合后恢复",
  restoredDiffers: "恢复后「{collection}」与备份不一致（应有 {want} 条，实有 {got} 条）",
  running: "已有一个备份正在进行，请等它完成",
  pauseLost: "备份读取期间其他任务的暂停中断了（本进程停顿超过 2 分钟，期间其他任务可能写入过），这份备份未写完：请重新运行备份",
  noSuchFile: "没有这个备份文件",
  notResumed: "数据库是从备份恢复的，这个备份任务不再继续（它会把恢复后的数据库备份到原来的文件名下）",
};

const en: typeof zh = {
  notBackup: "{file} is not a Dossier backup",
  damaged: "The backup {file} is damaged ({why}); nothing was changed",
  truncated: "The backup {file} is incomplete (its closing manifest is missing: the write was cut short); nothing was changed",
  checksum: "In the backup {file}, “{collection}” does not match its checksum (the file is damaged); nothing was changed",
  notEmpty: "The target database is not empty (it holds {collections}): restore into an empty database, or add --force to empty those collections first",
  restoredDiffers: "After the restore, “{collection}” differs from the backup ({want} documents expected, {got} found)",
  running: "A backup is already under way; wait for it to finish",
  pauseLost: "The pause of other jobs lapsed while the backup was reading (this process stalled for more than 2 minutes, and they may have written meanwhile); the backup was not finished: run it again",
  noSuchFile: "There is no such backup file",
  notResumed: "The database was restored from a backup, so this backup job does not go on (it would back up the restored database under the old file name)",
};

export const backup = { zh, en };
