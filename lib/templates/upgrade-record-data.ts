import "server-only";
import { connectDb } from "../db/connect";
import { TemplateVersionModel } from "../db/models/template";
import { loadVersion } from "./get-published-template";
import { applyOpToData, type ConversionFailure } from "../template-model/apply-op-to-data";
import type { MigrationOp } from "../template-model/migration-op";

/** The migrations published after `fromVersion` up to `toVersion`, oldest first. */
export async function migrationsBetween(templateKey: string, fromVersion: number, toVersion: number): Promise<{ version: number; op: MigrationOp }[]> {
  if (fromVersion >= toVersion) return [];
  await connectDb();
  const docs = await TemplateVersionModel.find(
    { templateKey, version: { $gt: fromVersion, $lte: toVersion }, migration: { $ne: null } },
    { version: 1, migration: 1 },
  )
    .sort({ version: 1 })
    .lean();
  return docs.filter((d) => d.migration).map((d) => ({ version: d.version, op: (d.migration as { op: MigrationOp }).op }));
}

/**
 * A record's data as the version `toVersion` expects it: the key and type migrations published
 * since the record's own version applied in order. Records not yet reached by a running
 * migration thus open and save correctly. Values that cannot be converted stay as they are (the
 * form then shows what to fix) and are reported in `failures`.
 */
export async function upgradeRecordData(params: {
  templateKey: string;
  fromVersion: number;
  toVersion: number;
  data: Record<string, unknown>;
}): Promise<{ data: Record<string, unknown>; changed: boolean; failures: ConversionFailure[] }> {
  const { templateKey, fromVersion, toVersion } = params;
  let data = params.data;
  let changed = false;
  const failures: ConversionFailure[] = [];
  for (const { version, op } of await migrationsBetween(templateKey, fromVersion, toVersion)) {
    const [before, after] = await Promise.all([loadVersion(templateKey, version - 1), loadVersion(templateKey, version)]);
    const result = applyOpToData(before.content.schema, after.content.schema, op, data);
    if (result.failures.length) {
      failures.push(...result.failures);
      continue;
    }
    data = result.data;
    changed ||= result.changed;
  }
  return { data, changed, failures };
}

/**
 * A stored record's data in the shape of the template's current version: unchanged for records
 * saved with it, upgraded through pending key/type migrations for older ones.
 */
export async function currentShape(doc: { templateKey: string; templateVersion: number; data: unknown }, currentVersion: number): Promise<Record<string, unknown>> {
  const data = (doc.data ?? {}) as Record<string, unknown>;
  if (doc.templateVersion >= currentVersion) return data;
  return (await upgradeRecordData({ templateKey: doc.templateKey, fromVersion: doc.templateVersion, toVersion: currentVersion, data })).data;
}
