// Where the project keeps what it installs and what it stores; both folders are git-ignored.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Installed tools: the FerretDB binary and the folder it is built in. */
export const toolsDir = path.join(root, ".dossier");
/** Local data: the embedded database's files, the generated session secret. */
export const dataDir = process.env.DOSSIER_DATA_DIR ? path.resolve(process.env.DOSSIER_DATA_DIR) : path.join(root, ".data");
