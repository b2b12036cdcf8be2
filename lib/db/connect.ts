import "server-only";
import mongoose from "mongoose";
import { env } from "../env";

type Cache = { conn?: typeof mongoose; promise?: Promise<typeof mongoose> };
const g = globalThis as unknown as { __dossierMongoose?: Cache };
// One connection per process, kept across hot reloads in development.
const cache: Cache = (g.__dossierMongoose ??= {});

/** The process-wide mongoose connection, opened on first use. */
export async function connectDb(): Promise<typeof mongoose> {
  if (cache.conn) return cache.conn;
  cache.promise ??= mongoose
    .connect(env.mongodbUri, { dbName: env.mongodbDb, serverSelectionTimeoutMS: 10_000, autoIndex: true })
    .catch((err) => {
      cache.promise = undefined;
      throw new Error(`无法连接数据库 ${redact(env.mongodbUri)}：${(err as Error).message}`, { cause: err });
    });
  cache.conn = await cache.promise;
  return cache.conn;
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}
