import "server-only";
import { claimRevision } from "../db/claim-revision";
import { TemplateModel } from "../db/models/template";
import { loadTemplateDoc, templateConflict } from "./template-doc";

/**
 * Runs a write that turns revision `expected` of a template into the next one, holding the
 * revision claim meanwhile: FerretDB applies filtered updates as read-then-write, so without the
 * claim two saves (or a save and a publish) from one revision could both land and one be lost.
 */
export async function withTemplateRevision<T>(key: string, expected: number, write: () => Promise<T>): Promise<T> {
  const release = await claimRevision({
    entity: "template",
    id: key,
    expected,
    currentRevision: async () => (await TemplateModel.findById(key, { revision: 1 }).lean())?.revision ?? null,
  });
  if (!release) throw templateConflict(await loadTemplateDoc(key), expected);
  try {
    return await write();
  } finally {
    await release();
  }
}
