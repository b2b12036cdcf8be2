// The session-signing secret of a local install: generated once, kept in the data folder.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function localSecret(dataDir) {
  const file = path.join(dataDir, "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
