import vm from "node:vm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { registeredValidators, standaloneRequire } from "@/lib/schema/standalone-runtime";
import { checkData } from "@/lib/schema/check-data";
import { prepareData, validateData } from "@/lib/schema/validate";
import { toContent } from "@/lib/template-model/to-content";
import { updateField } from "@/lib/template-model/model-paths";
import { checkDesign } from "@/lib/templates/check-design";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { getValidatorScript } from "@/lib/templates/get-validator-script";
import { publishedValidatorRef } from "@/lib/templates/validator-scripts";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, TEMPLATE, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

/** Runs a served script as the browser would and returns its validators for `hash`. */
function run(code: string, hash: string) {
  const sandbox = vm.createContext({}, { codeGeneration: { strings: false } });
  vm.runInContext(code, sandbox);
  const factory = registeredValidators(sandbox)[hash];
  expect(factory, `script registers ${hash}`).toBeTypeOf("function");
  return factory!(standaloneRequire);
}

describe("validator scripts for the browser", () => {
  it("serve a published version to every reader, with the server's verdicts", async () => {
    const viewer = await makeActor("viewer", cleanup);
    const template = await getPublishedTemplate(viewer, TEMPLATE);
    const ref = publishedValidatorRef(template);
    expect(ref.src).toBe(`/api/templates/${TEMPLATE}/validator.js?v=${template.version}&h=${ref.hash}`);
    const served = await getValidatorScript({ actor: viewer, templateKey: TEMPLATE, version: template.version });
    expect(served.immutable).toBe(true);
    const { data } = run(served.code, ref.hash);
    const schema = template.content.schema;
    const bad = prepareData(schema, customerData({ basic: { idNumber: "110105194912310021" } }));
    expect(checkData(schema, bad, data, "zh").map((e) => e.message)).toEqual(validateData(schema, bad).map((e) => e.message));
    expect(checkData(schema, bad, data, "zh").length).toBeGreaterThan(0);
    const good = prepareData(schema, customerData());
    expect(checkData(schema, good, data, "zh")).toEqual([]);
  });

  it("refuse anonymous visitors, unknown versions and preview scripts for non-administrators", async () => {
    const agent = await makeActor("agent", cleanup);
    await expectDomainError(getValidatorScript({ actor: null, templateKey: TEMPLATE, version: 1 }), "UNAUTHENTICATED");
    await expectDomainError(getValidatorScript({ actor: agent, templateKey: TEMPLATE, version: 999 }), "NOT_FOUND");
    await expectDomainError(getValidatorScript({ actor: agent, templateKey: TEMPLATE, hash: "0".repeat(32) }), "FORBIDDEN");
  });

  it("check unsaved designer content on the server and serve its preview validators to administrators", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const { model } = await getTemplateForEdit({ actor: admin, templateKey: key });
    const fine = await checkDesign({ actor: admin, templateKey: key, input: { content: toContent(model) } });
    expect(fine.problems).toEqual([]);
    expect("validator" in fine.preview).toBe(true);
    const ref = (fine.preview as { validator: { src: string; hash: string } }).validator;
    expect(ref.src).toBe(`/api/templates/${key}/validator.js?h=${ref.hash}`);
    const served = await getValidatorScript({ actor: admin, templateKey: key, hash: ref.hash });
    expect(served.immutable).toBe(false);
    expect(run(served.code, ref.hash).data({})).toBe(false);

    // A default of the wrong type: found by the check that compiles the field's schema.
    const broken = updateField(model, "basic.name", (f) => ({ ...f, default: 5 }));
    const found = await checkDesign({ actor: admin, templateKey: key, input: { content: toContent(broken) } });
    expect(found.problems).toEqual([expect.objectContaining({ path: "basic.name", property: "default" })]);

    const agent = await makeActor("agent", cleanup);
    await expectDomainError(checkDesign({ actor: agent, templateKey: key, input: { content: toContent(model) } }), "FORBIDDEN");
    await expectDomainError(checkDesign({ actor: admin, templateKey: key, input: { content: { schema: {} } } }), "BAD_REQUEST");
  });
});
