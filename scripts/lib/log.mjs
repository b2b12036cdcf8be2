// Console output of the project's scripts: one prefix, Chinese first, English after.
const prefix = "\x1b[36m[dossier]\x1b[0m";

export const log = (...args) => console.log(prefix, ...args);
export const warn = (...args) => console.warn(prefix, "\x1b[33m⚠\x1b[0m", ...args);

/** Prints a fatal problem with what to do about it, then exits. */
export function fail(message, hint) {
  console.error(`${prefix} \x1b[31m✖ ${message}\x1b[0m`);
  if (hint) console.error(`${prefix}   ${hint}`);
  process.exit(1);
}
