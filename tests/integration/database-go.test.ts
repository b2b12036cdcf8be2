import { describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { testFerretDBPatches } from "../../scripts/lib/ferretdb.mjs";

// Go tests of the embedded database's patches (scripts/ferretdb/*_test.go), run in a FerretDB
// source tree patched exactly as the build patches it: they test a patch's Go code against
// FerretDB's own (e.g. the batched query iterator of sqlite-read-5 against FerretDB's Next, where
// a wire-level test cannot make a stored document undecodable or a statement fail part way).
describe("embedded database patches: Go tests", () => {
  it("pass in a patched FerretDB source tree", () => {
    const { status, output } = testFerretDBPatches() as { status: number | null; output: string };
    // Each test ran (a -run pattern matching nothing would pass with no test at all).
    for (const name of ["SameAsOwn", "DecodeError", "RowsError", "CloseThenNext", "CloseAfterRowsError", "Cancel"]) expect(output).toContain(`--- PASS: TestDossierBatch${name}`);
    expect(output).not.toContain("--- FAIL");
    expect(status, output.slice(-4000)).toBe(0);
  }, 600_000);
});
