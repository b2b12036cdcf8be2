import "server-only";
import { connectDb } from "./connect";

/** Asks the database to answer a ping; throws (as "unavailable") when it cannot. */
export async function pingDatabase(): Promise<void> {
  const m = await connectDb();
  await m.connection.db!.admin().ping();
}
