import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { HEARTBEAT_MS, onDatabaseBack, watchConnection } from "@/lib/db/connect";
import { databaseAway } from "@/lib/db/health";
import { isDatabaseUnavailable } from "@/lib/errors";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB, freePort, isPortTaken, superviseFerretDB } from "../../scripts/lib/ferretdb.mjs";

// Issue 11, finding 5: the embedded database dying no longer takes the app down. npm start
// watches it (superviseFerretDB) and starts it again; meanwhile requests fail as "unavailable"
// (answered 503 by the route wrapper), and every acknowledged write is still there afterwards.

type Event = { type: string; restarts?: number };
type Supervised = { uri: string; port: number; child: () => import("node:child_process").ChildProcess; stop: () => Promise<void> };

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

async function supervised(options: { maxRestarts?: number; baseDelayMs?: number }) {
  ensureFerretDB({ quiet: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-restart-"));
  const events: Event[] = [];
  const db: Supervised = await superviseFerretDB({ port: await freePort(), dataDir: dir, logFile: path.join(dir, "ferretdb.log"), baseDelayMs: options.baseDelayMs ?? 200, onEvent: (e: Event) => events.push(e), ...options });
  stops.push(async () => {
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { db, events };
}

const until = async (what: () => boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("the embedded database killed in the middle of a burst of writes", () => {
  it("is started again; errors meanwhile read as unavailable; every acknowledged write is kept whole", async () => {
    const { db, events } = await supervised({});
    const conn = await mongoose.createConnection(db.uri, { dbName: "restart_probe", serverSelectionTimeoutMS: 2000 }).asPromise();
    const docs = conn.collection("writes");
    const acknowledged: number[] = [];
    const failures: unknown[] = [];
    const body = "沟通内容".repeat(50);
    let killed = false;
    for (let i = 0; i < 300; i++) {
      if (i === 60) {
        db.child().kill("SIGKILL");
        killed = true;
      }
      try {
        await docs.insertOne({ _id: i as never, n: i, body, rows: [{ a: i }, { b: i }] });
        acknowledged.push(i);
      } catch (err) {
        failures.push(err);
      }
      if (killed && events.some((e) => e.type === "restarted") && acknowledged.length > 100) break;
    }
    await until(() => events.some((e) => e.type === "restarted"));
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(["exited", "restarted"]);
    expect(failures.length).toBeGreaterThan(0);
    for (const err of failures) expect(isDatabaseUnavailable(err), String(err)).toBe(true);
    // The same connection finds the database again by itself.
    await docs.insertOne({ _id: -1 as never, n: -1, body, rows: [] });
    const stored = await docs.find({}).toArray();
    const ids = new Set(stored.map((d) => d._id as unknown as number));
    for (const i of acknowledged) expect(ids.has(i), `acknowledged write ${i}`).toBe(true);
    for (const d of stored) if (d._id !== (-1 as never)) expect(d).toEqual({ _id: d.n, n: d.n, body, rows: [{ a: d.n }, { b: d.n }] });
    expect(acknowledged.length).toBeGreaterThan(60);
    await conn.close();
  }, 60_000);

  it("the app's connection marks the database away when it dies and back when it is restarted", async () => {
    // Restarted only after a while, as when the database takes its time to come back.
    const { db, events } = await supervised({ baseDelayMs: HEARTBEAT_MS * 3 });
    const conn = await mongoose.createConnection(db.uri, { dbName: "health_probe", serverSelectionTimeoutMS: 2000, heartbeatFrequencyMS: HEARTBEAT_MS }).asPromise();
    let back = 0;
    onDatabaseBack(() => back++);
    watchConnection(conn);
    await conn.collection("x").insertOne({ n: 1 });
    expect(databaseAway()).toBe(false);
    // Not "back" on the first connection: only after being away (the warm-up runs again then).
    expect(back).toBe(0);
    db.child().kill("SIGKILL");
    // Noticed by the driver's heartbeat, without any request asking.
    await until(() => databaseAway(), HEARTBEAT_MS * 3);
    expect(events.some((e) => e.type === "restarted")).toBe(false);
    await until(() => events.some((e) => e.type === "restarted"));
    await until(() => !databaseAway(), HEARTBEAT_MS * 5);
    expect(await conn.collection("x").countDocuments()).toBe(1);
    expect(back).toBe(1);
    await conn.close();
  }, 60_000);

  it("gives up after its bounded number of restarts and says so", async () => {
    const { db, events } = await supervised({ maxRestarts: 1 });
    db.child().kill("SIGKILL");
    await until(() => events.some((e) => e.type === "restarted"));
    db.child().kill("SIGKILL");
    await until(() => events.some((e) => e.type === "gave-up"));
    expect(events.map((e) => e.type)).toEqual(["exited", "restarted", "exited", "gave-up"]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await isPortTaken(db.port)).toBe(false);
  }, 60_000);

  it("a connection to a database that is not there fails as unavailable, not as a server error", async () => {
    const port = await freePort();
    const err = await mongoose.createConnection(`mongodb://127.0.0.1:${port}/`, { serverSelectionTimeoutMS: 300 }).asPromise().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("无法连接数据库", { cause: err }))).toBe(true);
  });
});
