import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const API = path.join(ROOT, "app/api");

/**
 * Routes that hand the whole query string to a service, because the list's URL syntax
 * (`f.<path>.<op>=…`, repeated values, sort and search) is parsed against the template there and no
 * fixed schema in the route could describe it (see withRoute's doc comment).
 */
const URL_SYNTAX_ROUTES = new Set([
  "app/api/templates/[key]/records/route.ts", // the list page's rows
  "app/api/templates/[key]/records/export/route.ts", // the list as a file
  "app/api/templates/[key]/statistics/route.ts", // the dashboard over the list's filters
]);

/** Ways a handler could read its input by hand instead of declaring `body`/`query` in withRoute's options. */
const BY_HAND: [string, RegExp][] = [
  ["readJson/readJsonObject", /\breadJson(Object)?\b/],
  ["parseInput", /\bparseInput\b/],
  ["req.json()/text()/formData()", /\.(json|text|formData|arrayBuffer)\(\s*\)/],
];
const QUERY_BY_HAND: [string, RegExp] = ["searchParams", /\bsearchParams\b/];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** What a route file reads by hand, as the names of the rules it breaks. */
function handReads(file: string, source: string): string[] {
  const rules = URL_SYNTAX_ROUTES.has(file) ? BY_HAND : [...BY_HAND, QUERY_BY_HAND];
  return rules.filter(([, re]) => re.test(source)).map(([name]) => name);
}

describe("route handlers take their input from withRoute", () => {
  const files = routeFiles(API).map((f) => path.relative(ROOT, f).split(path.sep).join("/"));

  it("finds the routes and flags reading by hand", () => {
    expect(files.length).toBeGreaterThan(40);
    for (const f of URL_SYNTAX_ROUTES) expect(files, f).toContain(f);
    // The rules catch what they are meant to catch (a test that cannot fail is no test).
    expect(handReads("app/api/x/route.ts", "const body = parseInput(s, await readJson(req));")).toEqual(["readJson/readJsonObject", "parseInput"]);
    expect(handReads("app/api/x/route.ts", "const q = req.nextUrl.searchParams; q.get('page')")).toEqual(["searchParams"]);
    expect(handReads("app/api/x/route.ts", "const b = await req.json();")).toEqual(["req.json()/text()/formData()"]);
    expect(handReads("app/api/templates/[key]/statistics/route.ts", "searchParams: req.nextUrl.searchParams")).toEqual([]);
  });

  it("no handler reads the body or the query string by hand", () => {
    const offenders = files.flatMap((f) => handReads(f, readFileSync(path.join(ROOT, f), "utf8")).map((rule) => `${f}: ${rule}`));
    expect(offenders).toEqual([]);
  });
});
