import "server-only";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";

/** Display names of the given users (unknown ids are left out), for labels such as a reminder's agent. */
export async function userNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/i.test(id));
  if (unique.length === 0) return new Map();
  await connectDb();
  const docs = await UserModel.find({ _id: { $in: unique } }, { name: 1 }).lean();
  return new Map(docs.map((d) => [String(d._id), String(d.name)]));
}
