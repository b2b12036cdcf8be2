// The fixture of the data benchmarks: the customer archive seeded with generated records through
// the records' write pipeline (seedRecords), with a benchmark administrator to act as.
import type { Actor } from "../../lib/auth/roles";
import { connectDb } from "../../lib/db/connect";
import { UserModel } from "../../lib/db/models/user";
import { getPublishedTemplate } from "../../lib/templates/get-published-template";
import { seedTemplates } from "../../lib/templates/seed-templates";
import { ensureRecordIndexes } from "../../lib/records/record-indexes";
import type { PublishedTemplate } from "../../lib/templates/types";
import { seedRecords, type SeedResult } from "./seed-records";

export async function seedArchive(params: { templateKey: string; count: number; seed: number }): Promise<{ actor: Actor; template: PublishedTemplate; seeded: SeedResult }> {
  await connectDb();
  await seedTemplates();
  // As the app's start-up does: the list indexes of the published templates, before the records.
  await ensureRecordIndexes();
  const user = await UserModel.create({ email: `bench-${Date.now()}@bench.local`, name: "基准管理员", role: "admin", passwordHash: "x", active: true });
  const actor: Actor = { id: String(user._id), name: user.name, email: user.email, role: "admin" };
  const template = await getPublishedTemplate(actor, params.templateKey);
  let shown = 0;
  const seeded = await seedRecords({
    template,
    actor,
    count: params.count,
    seed: params.seed,
    deleteEvery: 0,
    onProgress: (done) => {
      if (done - shown >= params.count / 10 || done === params.count) {
        shown = done;
        console.error(`[bench] seeded ${done}/${params.count}`);
      }
    },
  });
  return { actor, template, seeded };
}
