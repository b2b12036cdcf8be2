import "server-only";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";

/** Active agents' ids and names, by name: whose customers a supervisor may look at (the 工作台's filter). */
export async function listAgentNames(): Promise<{ id: string; name: string }[]> {
  await connectDb();
  const docs = await UserModel.find({ role: "agent", active: true }, { name: 1 }).lean();
  return docs.map((d) => ({ id: String(d._id), name: String(d.name) })).sort((a, b) => a.name.localeCompare(b.name));
}
