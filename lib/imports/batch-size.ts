/**
 * Records per batch of an import's check and run, for a file of `rows` data rows: a twentieth of
 * the rows, at least 200 and at most 1,000 (a file of up to 4,000 rows goes in batches of 200, as
 * before). Every batch pays the same round trips whatever its size — the import, its starter and
 * the template read again, the job's progress saved, an insert command each for the unique claims,
 * the records and their audit events — so a large file is written in fewer, larger batches, while
 * a small one still shows its progress and resumes after a restart in small steps. A batch of 1,000
 * holds ~1,000 records' rows and prepared documents twice (the one writing and the one judged
 * ahead): a few MB.
 */
export function recordsPerBatch(rows: number): number {
  return Math.min(1000, Math.max(200, Math.ceil(rows / 20 / 100) * 100));
}
