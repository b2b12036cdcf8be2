// The embedded database: FerretDB 1.24.2 (MongoDB wire protocol) with its SQLite handler,
// installed from the Go module proxy into .dossier/ and started on 127.0.0.1 only.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { root, toolsDir } from "./paths.mjs";

export const FERRETDB_VERSION = "v1.24.2";
const MODULE = "github.com/FerretDB/FerretDB";
export const ferretdbBin = path.join(toolsDir, "bin", "ferretdb");

/** Thrown with a message that says what to do. */
export class SetupError extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
}

/**
 * Changes made to FerretDB's source before it is built; PATCH_LEVEL names them, and a binary built
 * with other (or no) patches is rebuilt.
 *
 * sqlite-id-index: FerretDB 1.24's SQLite backend looks documents up by `_id` with the expression
 * `_ferretdb_sjson->'$._id'`, but creates its unique `_id` index on `_ferretdb_sjson->"_id"`.
 * SQLite uses an expression index only for the same expression, so every find, update and delete
 * by `_id` scanned the whole table (20 ms per lookup at 30,000 small documents, 0.8 ms with the patch).
 * Both expressions give the same value; the patch makes the lookup use the index's spelling.
 *
 * sqlite-pushdown: the backend asked SQLite for one document only when the filter was exactly
 * `{ _id }`; anything else — `{ _id, revision }` for an update, `{ entity, entityId }` for a
 * record's history — read and decoded every document of the collection in Go (a record's history
 * took 87 s at 100,000 records). The patch hands SQLite the filter's `_id` equality and its
 * top-level string equalities (scripts/ferretdb/dossier_pushdown.go). It may only narrow to a
 * superset: every caller in FerretDB's handler applies the whole filter again to what the backend
 * returns, and fields holding arrays are always let through.
 */
const PATCHES = [
  {
    file: "internal/backends/sqlite/metadata/metadata.go",
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
    count: 1,
  },
  {
    // Query: the `_id`-only condition becomes dossierWhere's.
    file: "internal/backends/sqlite/collection.go",
    from: `	if params.Filter.Len() == 1 {
		v, _ := params.Filter.Get("_id")
		switch v.(type) {
		case string, types.ObjectID:
			whereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)
			args = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
		}
	}
`,
    to: "\twhereClause, args = dossierWhere(params.Filter)\n",
    count: 1,
  },
  {
    // Explain reports the `_id` pushdown whatever else the filter holds, like Query now does.
    file: "internal/backends/sqlite/collection.go",
    from: "if params.Filter.Len() == 1 {",
    to: "if params.Filter.Len() >= 1 {",
    count: 1,
  },
  { file: "internal/backends/sqlite/dossier_pushdown.go", copyFrom: "scripts/ferretdb/dossier_pushdown.go" },
];
const PATCH_LEVEL = "sqlite-id-index,sqlite-pushdown";
const patchStamp = path.join(toolsDir, "bin", "ferretdb.patches");

function installedPatches() {
  return fs.existsSync(patchStamp) ? fs.readFileSync(patchStamp, "utf8").trim() : "";
}

function applyPatches(src) {
  for (const p of PATCHES) {
    const file = path.join(src, p.file);
    if (p.copyFrom) {
      fs.copyFileSync(path.join(root, p.copyFrom), file);
      continue;
    }
    const text = fs.readFileSync(file, "utf8");
    if (text.split(p.from).length - 1 !== p.count) throw new SetupError(`无法修补 FerretDB 源码：${p.file} 中找不到预期的内容`, `expected ${p.count}× ${p.from}`);
    fs.writeFileSync(file, text.replaceAll(p.from, p.to));
  }
}

function installedVersion() {
  if (!fs.existsSync(ferretdbBin)) return null;
  const r = spawnSync(ferretdbBin, ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return /version:\s*(\S+)/.exec(r.stdout)?.[1] ?? null;
}

function go(args, options = {}) {
  const r = spawnSync("go", args, {
    encoding: "utf8",
    stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
    cwd: options.cwd,
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", ...options.env },
  });
  if (r.error?.code === "ENOENT")
    throw new SetupError(
      "找不到 Go：安装内置数据库 FerretDB 需要 Go 1.24 或更高版本。Go is required to install the embedded FerretDB.",
      "安装 Go（https://go.dev/dl/ 或 apt-get install golang-go），或设置 MONGODB_URI 使用已有的 MongoDB。",
    );
  if (r.status !== 0)
    throw new SetupError(`go ${args.join(" ")} 失败（退出码 ${r.status}）`, (r.stderr || "").trim().split("\n").slice(-5).join("\n  "));
  return r.stdout;
}

/**
 * Installs FerretDB into .dossier/bin when it is missing or built without the current PATCHES.
 * `go install …@v1.24.2` alone builds a binary that panics at start (the module zip lacks
 * build/version/version.txt, which FerretDB's release tooling generates), so we fetch the same
 * module with `go mod download`, add that one file, apply PATCHES, and `go build` its cmd/ferretdb
 * with GOBIN's layout.
 */
export function ensureFerretDB({ quiet = false } = {}) {
  if (installedVersion() === FERRETDB_VERSION && installedPatches() === PATCH_LEVEL) return ferretdbBin;
  if (!quiet) console.log(`[dossier] 正在安装内置数据库 FerretDB ${FERRETDB_VERSION}（首次运行需要几分钟）… Installing FerretDB`);
  const info = JSON.parse(go(["mod", "download", "-json", `${MODULE}@${FERRETDB_VERSION}`], { capture: true }));
  if (!info.Dir) throw new SetupError("无法下载 FerretDB 模块", info.Error ?? "go mod download returned no directory");
  const src = path.join(toolsDir, "src", `ferretdb-${FERRETDB_VERSION}`);
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.cpSync(info.Dir, src, { recursive: true });
  spawnSync("chmod", ["-R", "u+w", src]);
  fs.writeFileSync(path.join(src, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
  applyPatches(src);
  fs.mkdirSync(path.dirname(ferretdbBin), { recursive: true });
  go(["build", "-trimpath", "-o", ferretdbBin, "./cmd/ferretdb"], { cwd: src, capture: true });
  fs.rmSync(src, { recursive: true, force: true });
  const version = installedVersion();
  if (version !== FERRETDB_VERSION) throw new SetupError(`FerretDB 安装后无法运行（得到版本 ${version}）`);
  fs.writeFileSync(patchStamp, `${PATCH_LEVEL}\n`);
  if (!quiet) console.log(`[dossier] FerretDB ${FERRETDB_VERSION} 已安装到 ${path.relative(process.cwd(), ferretdbBin)}`);
  return ferretdbBin;
}

/** Resolves true when something already listens on 127.0.0.1:port. */
export function isPortTaken(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(true));
    srv.once("listening", () => srv.close(() => resolve(false)));
    srv.listen(port, "127.0.0.1");
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts FerretDB on 127.0.0.1:port with its data in `dataDir`, and waits until it answers.
 * Returns `{ uri, stop }`; `stop()` shuts it down cleanly (SIGTERM, then SIGKILL after 10 s).
 * `bin` is the installed binary unless a benchmark compares another build.
 */
export async function startFerretDB({ port, dataDir, logFile, timeoutMs = 30_000, bin = ferretdbBin }) {
  if (await isPortTaken(port))
    throw new SetupError(
      `端口 ${port} 已被占用，无法启动内置数据库。Port ${port} is already in use.`,
      "可能另一个 Dossier 仍在运行：先停止它，或设置 DOSSIER_DB_PORT 换一个端口，或设置 MONGODB_URI 使用已有数据库。",
    );
  const sqliteDir = path.join(dataDir, "sqlite");
  const stateDir = path.join(dataDir, "state");
  fs.mkdirSync(sqliteDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const out = logFile ? fs.openSync(logFile, "a") : "ignore";
  const child = spawn(
    bin,
    [
      "--handler=sqlite",
      `--sqlite-url=file:${sqliteDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${stateDir}`,
      "--telemetry=disable",
      "--debug-addr=-",
      "--log-level=warn",
    ],
    { stdio: ["ignore", out, out] },
  );
  let exited = null;
  child.once("exit", (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (exited) throw new SetupError(`内置数据库启动失败（退出码 ${exited.code}）`, logFile ? `日志：${logFile}` : undefined);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new SetupError(`内置数据库在 ${timeoutMs / 1000} 秒内没有响应`, logFile ? `日志：${logFile}` : undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return { uri: `mongodb://127.0.0.1:${port}/`, port, child, stop };
}
