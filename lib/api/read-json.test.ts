import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { MAX_BODY_BYTES, readJson, readJsonObject } from "./read-json";

const JSON_TYPE = { "content-type": "application/json" };
const post = (body: string) => new Request("http://localhost/", { method: "POST", body, headers: JSON_TYPE });

/** A POST whose body arrives as a stream without a Content-Length, chunk by chunk, counting what was pulled. */
function streamed(chunk: string, times: number) {
  const bytes = new TextEncoder().encode(chunk);
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= times) return controller.close();
      pulled += 1;
      controller.enqueue(bytes);
    },
  });
  const req = new Request("http://localhost/api/x", { method: "POST", body, headers: JSON_TYPE, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled, size: bytes.byteLength };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).status).toBe(400);
  return err as DomainError;
}

describe("readJson", () => {
  it("reads a JSON body", async () => {
    expect(await readJson(post('{"a":[1,"二"]}'))).toEqual({ a: [1, "二"] });
    const charset = new Request("http://localhost/", { method: "POST", body: "[]", headers: { "content-type": "application/json; charset=utf-8" } });
    expect(await readJson(charset)).toEqual([]);
    expect(await readJsonObject(new Request("http://localhost/", { method: "POST" }), { allowEmpty: true })).toEqual({});
  });

  it("stops reading a body without a Content-Length as soon as it passes the limit", async () => {
    const body = streamed("x".repeat(64 * 1024), 1000); // 64 MB on offer
    const err = await refusal(readJson(body.req));
    expect(err.message).toMatch(/请求内容过大/);
    expect(body.pulled() * body.size).toBeLessThan(MAX_BODY_BYTES + 3 * body.size);
  });

  it("refuses a declared length over the limit without reading", async () => {
    const req = new Request("http://localhost/", { method: "POST", body: "{}", headers: { "content-length": String(MAX_BODY_BYTES + 1) } });
    expect((await refusal(readJson(req))).message).toMatch(/请求内容过大/);
  });

  it("refuses a body that does not say it is JSON, as a form on another site would post it", async () => {
    // <form enctype="text/plain"> with name '{"data":{"notes":{"text":"' and value '"}}}' posts valid JSON.
    const form = new Request("http://localhost/", { method: "POST", body: '{"data":{"notes":{"text":"="}}}' });
    expect(form.headers.get("content-type")).toMatch(/^text\/plain/);
    expect((await refusal(readJson(form))).message).toMatch(/Content-Type: application\/json/);
  });

  it("refuses deep nesting and __proto__ keys with a 400, not a stack overflow", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect((await refusal(readJson(post(deep)))).message).toMatch(/嵌套过深/);
    const proto = '{"data":{"basic":{"__proto__":{"name":"x"}}}}';
    const err = await refusal(readJson(post(proto)));
    expect(err.fieldErrors?.[0]).toMatchObject({ path: "/data/basic/__proto__", message: "不允许的字段名：__proto__" });
  });
});
