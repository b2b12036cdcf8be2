// Runs once when a server process starts: seed the shipped templates and the first administrator.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("./lib/bootstrap");
  await bootstrap();
}

// A page that failed because the database is away marks it so (lib/db/health.ts): the proxy then
// answers the next pages with the "unavailable" page at once instead of letting each time out.
export async function onRequestError(err: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ isDatabaseUnavailable }, { markUnavailable }] = await Promise.all([import("./lib/errors"), import("./lib/db/health")]);
  if (isDatabaseUnavailable(err)) markUnavailable();
}
