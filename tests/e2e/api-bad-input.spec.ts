import { createRecord, createUser, expect, IDS, pageAs, paths, recordData, test } from "./support/fixtures";

const json = { "content-type": "application/json" };
const chinese = /[\u4e00-\u9fff]/;

test.describe("the records API against bad input: a clear 4xx, nothing stored, nothing crashed", () => {
  test("bodies that are not JSON, not objects, or not the template's shape", async ({ adminApi }) => {
    const marker = `BAD${Date.now().toString(36)}`;
    const good = recordData({ policyNo: marker });
    const cases: [string, string, number][] = [
      ["malformed JSON", '{"data": {', 400],
      ["an empty body", "", 400],
      ["a list", "[1,2]", 400],
      ["a string as data", '{"data":"x"}', 400],
      ["an unknown field beside data", JSON.stringify({ data: good, evil: 1 }), 400],
      ["an unknown field in the record", JSON.stringify({ data: { ...good, basic: { ...good.basic, hack: 1 } } }), 422],
      ["an operator as a field", JSON.stringify({ data: { ...good, $where: "1" } }), 422],
      ["a dotted key", JSON.stringify({ data: { ...good, "basic.name": "x" } }), 422],
      ["an operator as a value", JSON.stringify({ data: { ...good, policy: { ...good.policy, insuranceType: { $ne: 1 } } } }), 422],
      ["wrong types", JSON.stringify({ data: { ...good, policy: { ...good.policy, sumInsured: "lots", startDate: 5 } } }), 422],
    ];
    for (const [why, body, status] of cases) {
      const res = await adminApi.post(paths.api(), { headers: json, data: body });
      expect(res.status(), why).toBe(status);
      const { error } = await res.json();
      expect(error.message, why).toMatch(chinese);
      // Every answer names its request, as the server's log lines do.
      expect(res.headers()["x-request-id"], why).toMatch(/^[0-9a-f]{8}$/);
    }
    const list = await (await adminApi.get(`${paths.api()}?q=${marker}`)).json();
    expect(list.total).toBe(0);
    // The same record, well formed, is accepted: the refusals above were about the input.
    const created = await adminApi.post(paths.api(), { data: { data: good } });
    expect(created.status()).toBe(201);
    // The answer is the record as the detail page shows it: personal data masked, never echoed in full.
    const { record } = await created.json();
    expect(record.masked).toBe(true);
    expect(JSON.stringify(record)).not.toContain(good.basic.idNumber);
    expect(JSON.stringify(record)).not.toContain(good.basic.mobile);
  });

  test("list parameters that smuggle operators, dotted keys or unknown fields", async ({ adminApi }) => {
    for (const qs of [
      "$where=1",
      "q[$ne]=1",
      "f.$where.eq=1",
      "f.policy.insuranceType.$ne=x",
      "f.policy.insuranceType.in[$ne]=1",
      "f.policy.insuranceType.x.in=人寿险",
      "f.data.basic.name.eq=x",
      "f.policy.nope.eq=1",
      "sort=$where",
      "sort=policy.nope",
      "size=100000",
    ]) {
      const res = await adminApi.get(`${paths.api()}?${qs}`);
      expect(res.status(), qs).toBe(400);
      expect((await res.json()).error.message, qs).toMatch(chinese);
    }
    expect((await adminApi.get(`${paths.api()}?f.policy.insuranceType.in=人寿险&sort=basic.name&dir=asc`)).status()).toBe(200);
  });

  test("hostile bodies: huge, deeply nested, __proto__ keys, control characters, prototype names as modes", async ({ adminApi }) => {
    const marker = `HOST${Date.now().toString(36)}`;
    const good = recordData({ policyNo: marker });
    const deep = `{"data":${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
    const cases: [string, string, number][] = [
      ["a body over 2 MB", JSON.stringify({ data: { ...good, notes: { text: "长".repeat(800_000) } } }), 400],
      ["nesting 50,000 levels deep", deep, 400],
      ["a __proto__ key", JSON.stringify({ data: good }).replace('"basic":{', '"basic":{"__proto__":{"x":1},'), 400],
      ["a NUL byte in a name", JSON.stringify({ data: { ...good, basic: { ...good.basic, name: "王\u0000芳" } } }), 422],
    ];
    for (const [why, body, status] of cases) {
      const res = await adminApi.post(paths.api(), { headers: json, data: body });
      expect(res.status(), why).toBe(status);
      expect((await res.json()).error.message, why).toMatch(chinese);
    }
    // What a form on another site could post: valid JSON, but not sent as JSON.
    const form = await adminApi.post(paths.api(), { headers: { "content-type": "text/plain" }, data: JSON.stringify({ data: good }) });
    expect(form.status()).toBe(400);
    expect((await (await adminApi.get(`${paths.api()}?q=${marker}`)).json()).total).toBe(0);
    // Ids that are not ObjectIds are simply not found, on every route that takes one.
    for (const id of ["not-an-id", "%24where", "6b0615c9a51ca7faed9a4e8", "{\"$ne\":1}"]) {
      expect((await adminApi.get(paths.api(id))).status(), id).toBe(404);
      expect((await adminApi.get(`${paths.api(id)}/history`)).status(), id).toBe(404);
      expect((await adminApi.post(`${paths.api(id)}/reveal`, { data: { path: "/basic/idNumber" } })).status(), id).toBe(404);
      expect((await adminApi.patch(`/api/users/${id}`, { data: { revision: 1, name: "x" } })).status(), id).toBe(404);
      expect((await adminApi.get(`/api/templates/customer-archive/migrations/${id}`)).status(), id).toBe(404);
    }
    expect((await adminApi.get("/api/templates/%24where/records")).status()).toBe(404);
    for (const mode of ["constructor", "toString", "__proto__"]) {
      const res = await adminApi.post("/api/templates", { data: { mode } });
      expect(res.status(), mode).toBe(400);
    }
  });

  test("writes another site's page sends are refused; the app's own pages and header-less clients are not", async ({ adminApi, adminPage, baseURL }) => {
    const marker = `XSITE${Date.now().toString(36)}`;
    const good = recordData({ policyNo: marker });
    for (const [why, headers] of [
      ["an Origin of another site", { origin: "http://evil.example" }],
      ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ] as const) {
      const res = await adminApi.post(paths.api(), { headers: { ...json, ...headers }, data: JSON.stringify({ data: good }) });
      expect(res.status(), why).toBe(403);
      const { error } = await res.json();
      expect(error.code, why).toBe("FORBIDDEN");
      expect(error.message, why).toContain("其他网站");
    }
    const del = await adminApi.delete(paths.api("6b0615c9a51ca7faed9a4e80"), { headers: { origin: "http://evil.example" } });
    expect(del.status()).toBe(403);
    expect((await (await adminApi.get(`${paths.api()}?q=${marker}`)).json()).total).toBe(0);
    // A read from anywhere is still a read.
    expect((await adminApi.get(`${paths.api()}?q=${marker}`, { headers: { origin: "http://evil.example" } })).status()).toBe(200);
    // The app's own origin, and a client that sends neither header, may write.
    expect((await adminApi.post(paths.api(), { headers: { origin: baseURL! }, data: { data: good } })).status()).toBe(201);
    // The browser's own fetch from an app page (Origin and Sec-Fetch-Site set by Chromium) is accepted.
    await adminPage.goto("/");
    const fromPage = await adminPage.evaluate(
      async ({ url, body }) => (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body })).status,
      { url: paths.api(), body: JSON.stringify({ data: recordData({ policyNo: `${marker}P` }) }) },
    );
    expect(fromPage).toBe(201);
  });

  test("a viewer cannot find a record by typing its full ID number", async ({ adminApi, browser }) => {
    const marker = `VID${Date.now().toString(36)}`;
    await createRecord(adminApi, { ...recordData({ policyNo: marker }), basic: { name: "查找测试", idNumber: IDS.spouse, mobile: "13912345678" } });
    expect((await (await adminApi.get(`${paths.api()}?q=${IDS.spouse}`)).json()).total).toBeGreaterThan(0);
    const viewer = await pageAs(browser, await createUser(adminApi, "viewer"));
    const api = viewer.request;
    expect((await (await api.get(`${paths.api()}?q=${IDS.spouse}`)).json()).total).toBe(0);
    expect((await (await api.get(`${paths.api()}?q=${marker}`)).json()).total).toBe(1);
    const filter = await api.get(`${paths.api()}?f.basic.idNumber.eq=${IDS.spouse}`);
    expect(filter.status()).toBe(400);
    expect((await filter.json()).error.message).toContain("个人信息");
    await viewer.context().close();
  });
});
