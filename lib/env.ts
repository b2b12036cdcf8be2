import "server-only";

/**
 * Every environment variable the server reads, checked once. Defaults make the embedded setup
 * (`npm start`) work with no configuration; `scripts/start.mjs` fills in the generated secret and
 * the embedded database's address.
 */
function read(name: string, fallback?: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v === "" ? fallback : v;
}

function int(name: string, fallback: number): number {
  const raw = read(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function count(name: string, fallback: number): number {
  const raw = read(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be 0 or a positive integer, got "${raw}"`);
  return n;
}

const loginMaxAttempts = int("DOSSIER_LOGIN_MAX_ATTEMPTS", 5);

export const env = {
  /** MongoDB connection string; the embedded FerretDB's when unset. */
  mongodbUri: read("MONGODB_URI", `mongodb://127.0.0.1:${read("DOSSIER_DB_PORT", "27027")}/dossier`)!,
  /** Database name used when the URI names none. */
  mongodbDb: read("MONGODB_DB", "dossier")!,
  /** First administrator, created when no user exists yet. */
  adminEmail: read("DOSSIER_ADMIN_EMAIL", "admin@dossier.local")!,
  adminPassword: read("DOSSIER_ADMIN_PASSWORD"),
  adminName: read("DOSSIER_ADMIN_NAME", "管理员")!,
  /** bcrypt cost; 12 in production, lower only to speed up test runs. */
  bcryptRounds: int("DOSSIER_BCRYPT_ROUNDS", 12),
  /** Failed sign-ins allowed per account within the window. */
  loginMaxAttempts,
  /** … and per client address, which a whole office behind one NAT may share: five times as many by default. */
  loginMaxPerAddress: int("DOSSIER_LOGIN_MAX_PER_ADDRESS", loginMaxAttempts * 5),
  loginWindowSeconds: int("DOSSIER_LOGIN_WINDOW_SECONDS", 900),
  /**
   * Reverse proxies of ours in front of the app, each appending to X-Forwarded-For. 0 (the quick
   * start: nothing in front): the address is the connection's own, whatever the client sends.
   */
  proxyHops: count("DOSSIER_PROXY_HOPS", 0),
  /** Where uploads and other files the app keeps live (the embedded database's folder sits beside them). */
  dataDir: read("DOSSIER_DATA_DIR", ".data")!,
  /** Largest spreadsheet an import accepts, in megabytes. */
  importMaxMb: int("DOSSIER_IMPORT_MAX_MB", 200),
  /** How many backups the backups folder keeps (0: all). */
  backupKeep: int("DOSSIER_BACKUP_KEEP", 7),
  /**
   * Whether `npm start` backs the database up once a day (scripts/lib/daily-backup.mjs): it says so
   * to the app it starts — not with DOSSIER_BACKUP_DAILY=0, MONGODB_URI or `--dev`, nor under any
   * other way of serving the app.
   */
  dailyBackups: read("DOSSIER_BACKUP_SCHEDULED") === "1",
  /** The app's public URL (NEXTAUTH_URL, which next-auth reads too), when one is set: an origin the app's own pages post from. */
  publicUrl: read("NEXTAUTH_URL"),
  isProduction: process.env.NODE_ENV === "production",
};
