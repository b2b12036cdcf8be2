import vm from "node:vm";
import { customizeValidator, createPrecompiledValidator } from "@rjsf/validator-ajv8";
import { getDefaultFormState, retrieveSchema, type RJSFSchema } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { completeRecord, IDS, minimalRecord, schema } from "@/tests/support/default-template";
import { customFormats } from "./ajv";
import { schemaHash, validatorScript } from "./standalone-code";
import { registeredValidators, standaloneRequire, type PrecompiledValidators } from "./standalone-runtime";
import { checkData } from "./check-data";
import { prepareData, validateData } from "./validate";

type Data = Record<string, Record<string, unknown>>;

/** Runs the served script the way a browser would: in a fresh global, with no eval of our own. */
function loadServed(): PrecompiledValidators {
  const sandbox = vm.createContext({});
  // codeGeneration: { strings: false } is the CSP's "no 'unsafe-eval'": new Function/eval throw.
  vm.runInContext(validatorScript(schema), sandbox, { filename: "validator.js" });
  const factory = registeredValidators(sandbox)[schemaHash(schema)];
  expect(factory).toBeTypeOf("function");
  return factory!(standaloneRequire);
}

function record(patch: (d: Data) => void): Data {
  const d = completeRecord() as Data;
  patch(d);
  return d;
}

// Valid records and one of each kind of mistake the shipped template can report.
const samples: Record<string, unknown> = {
  complete: completeRecord(),
  minimal: minimalRecord(),
  empty: { basic: {}, policy: {} },
  nothing: {},
  idChecksum: record((r) => (r.basic.idNumber = "110105194912310021")),
  idShort: record((r) => (r.basic.idNumber = "123")),
  endBeforeStart: record((r) => (r.policy.endDate = "2023-12-31")),
  shares: record((r) => ((r.beneficiary.list as { share: number }[])[0].share = 10)),
  idDerive: record((r) => {
    r.basic.birthDate = "1981-01-01";
    r.basic.gender = "女";
  }),
  badFormats: record((r) => {
    r.basic.mobile = "1234";
    r.basic.email = "not-mail";
    r.policy.startDate = "2024-13-45";
  }),
  enumAndNumbers: record((r) => {
    r.policy.insuranceType = "火星险";
    r.policy.premium = -5;
    r.policy.sumInsured = "很多";
  }),
  conditional: record((r) => (r.policyholder = { relation: "配偶" })),
  legalBeneficiary: record((r) => (r.beneficiary = { isLegal: false, list: [] })),
  unknownField: { ...record((r) => (r.basic.nickname = "小明")), hacked: true },
  tooLong: record((r) => (r.basic.name = "名".repeat(51))),
  followUp: record((r) => ((r as unknown as { communications: unknown[] }).communications = [{ date: "2024-01-01", method: "电话", needFollowUp: true }])),
  wrongTypes: { basic: { name: 5, idNumber: 110105194912310000 }, policy: [] },
};

describe("the validator script served to the browser", () => {
  const served = loadServed();

  it("runs without compiling code: its scope refuses eval and new Function", () => {
    const sandbox = vm.createContext({}, { codeGeneration: { strings: false } });
    vm.runInContext(validatorScript(schema), sandbox);
    const own = registeredValidators(sandbox)[schemaHash(schema)]!(standaloneRequire);
    expect(own.data(samples.idChecksum)).toBe(false);
    expect(() => vm.runInContext("new Function('return 1')", sandbox)).toThrow();
  });

  for (const [name, input] of Object.entries(samples)) {
    it(`gives the server's verdict and messages: ${name}`, () => {
      const data = prepareData(schema, input);
      for (const locale of ["zh", "en"] as const) {
        expect(checkData(schema, data, served.data, locale)).toEqual(validateData(schema, data, locale));
      }
    });
  }

  it("the samples cover valid and invalid records (a comparison of nothing would prove nothing)", () => {
    const verdicts = Object.entries(samples).map(([name, input]) => [name, validateData(schema, prepareData(schema, input)).length > 0]);
    expect(verdicts.filter(([, bad]) => !bad).map(([n]) => n)).toEqual(["complete", "minimal"]);
    expect(checkData(schema, prepareData(schema, samples.idChecksum), served.data, "zh").map((e) => e.message)).toEqual(["身份证号码不正确：校验位不符，请核对号码"]);
  });

  it("gives rjsf the same defaults and if/then branches as its compiling validator", () => {
    const rootSchema = schema as RJSFSchema;
    const precompiled = createPrecompiledValidator(served.rjsf, rootSchema);
    const compiling = customizeValidator({ customFormats, ajvOptionsOverrides: { strict: false, allErrors: false } });
    for (const formData of [{}, completeRecord(), samples.conditional, samples.legalBeneficiary, { policyholder: { relation: "本人" }, beneficiary: { isLegal: true } }]) {
      expect(getDefaultFormState(precompiled, rootSchema, formData, rootSchema)).toEqual(getDefaultFormState(compiling, rootSchema, formData, rootSchema));
      for (const [key, section] of Object.entries(rootSchema.properties ?? {})) {
        const part = (formData as Record<string, unknown>)[key] ?? {};
        expect(retrieveSchema(precompiled, section as RJSFSchema, rootSchema, part)).toEqual(retrieveSchema(compiling, section as RJSFSchema, rootSchema, part));
      }
    }
  });

  it("is named by the schema: another schema, another hash", () => {
    expect(schemaHash(schema)).toMatch(/^[0-9a-f]{32}$/);
    expect(schemaHash({ ...schema, title: "另一个" })).not.toBe(schemaHash(schema));
    expect(IDS.man).toHaveLength(18);
  });
});
