import { describe, expect, it } from "vitest";
import { content, fields } from "@/tests/support/default-template";
import { shippedDashboards } from "../templates/shipped";
import { ListQueryError, parseListQuery } from "../records/list-query";
import { buildWidgetPipeline } from "./build-widget-pipeline";
import { foldMonths, monthRange } from "./fold-months";
import { shapeWidgetResult } from "./shape-widget-result";
import { OWNER, widgetInput, type Widget } from "./widget";
import { groupFields, resolveWidget, sumFields, type ResolvedWidget } from "./widget-fields";
import { groupFilters, listHref, ownerHref } from "./widget-link";
import { widgetListQuery } from "./widget-query";
import { EVERY_RECORD } from "@/lib/records/records-filter";

const list = content.list;
const ok = (w: Widget): ResolvedWidget => {
  const r = resolveWidget(w, fields);
  if ("problem" in r) throw new Error(`unexpected problem ${JSON.stringify(r.problem)}`);
  return r.ok;
};
const pipeline = (w: Widget, page = "") =>
  buildWidgetPipeline({ templateKey: "customer-archive", fields, resolved: ok(w), query: widgetListQuery({ fields, list, widgetFilter: w.filter, pageFilters: new URLSearchParams(page), personalData: false }), actor: null, scope: EVERY_RECORD });
const base = [{ templateKey: "customer-archive" }, { deletedAt: null }];

describe("widget pipelines", () => {
  it("starts from the reader's data scope: an agent scoped to their own records groups only those", () => {
    const w: Widget = { id: "w1", kind: "byChoice", title: "保单状态", field: "status.state", chart: "bar" } as Widget;
    const scoped = buildWidgetPipeline({ templateKey: "customer-archive", fields, resolved: ok(w), query: widgetListQuery({ fields, list, widgetFilter: w.filter, personalData: false }), actor: null, scope: { ownerIds: ["u1"] } });
    expect(JSON.stringify(scoped[0])).toContain('{"ownerId":"u1"}');
    expect(JSON.stringify(pipeline(w)[0])).not.toContain("ownerId");
  });

  it("a count by a choice field is [$match from recordsFilter, $group by the path with $sum 1]: the pushdown's shape", () => {
    expect(pipeline({ id: "a", kind: "byChoice", title: "类型", field: "policy.insuranceType" })).toEqual([
      { $match: { $and: base } },
      { $group: { _id: "$data.policy.insuranceType", value: { $sum: 1 } } },
    ]);
  });

  it("a number card counts as the list counts (_id null), and sums a money field in one group by the template key", () => {
    expect(pipeline({ id: "a", kind: "number", title: "总数", filter: "f.status.state.in=生效" })).toEqual([
      { $match: { $and: [...base, { "data.status.state": { $in: ["生效"] } }] } },
      { $group: { _id: null, value: { $sum: 1 } } },
    ]);
    expect(pipeline({ id: "a", kind: "number", title: "保费", sum: "policy.premium" })).toEqual([
      { $match: { $and: base } },
      { $group: { _id: "$templateKey", value: { $sum: "$data.policy.premium" } } },
    ]);
  });

  it("merges the widget's filter and the page's filters into the $match, the page winning on the same field and operator", () => {
    const p = pipeline({ id: "a", kind: "byChoice", title: "x", field: "policy.insuranceType", filter: "f.status.state.in=生效&f.policy.sumInsured.gte=100" }, "f.policy.sumInsured.gte=500&f.policy.paymentMethod.in=年缴");
    expect(p[0]).toEqual({
      $match: {
        $and: [...base, { "data.status.state": { $in: ["生效"] } }, { "data.policy.sumInsured": { $gte: 500 } }, { "data.policy.paymentMethod": { $in: ["年缴"] } }],
      },
    });
  });

  it("a table column unwinds its table, applies that table's filters to each row, and groups by the row's day", () => {
    const w: Widget = { id: "a", kind: "byMonth", title: "x", field: "claims.applyDate", sum: "claims.amount", filter: "f.claims.status.in=已赔付" };
    expect(pipeline(w)).toEqual([
      { $match: { $and: [...base, { "data.claims.status": { $in: ["已赔付"] } }] } },
      { $unwind: "$data.claims" },
      { $match: { "data.claims.status": { $in: ["已赔付"] } } },
      { $group: { _id: "$data.claims.applyDate", value: { $sum: "$data.claims.amount" } } },
    ]);
    // Where FerretDB's $unwind puts the row (and nothing else): only the row's columns are read.
    const ferret = buildWidgetPipeline({ templateKey: "customer-archive", fields, resolved: ok(w), query: widgetListQuery({ fields, list, widgetFilter: w.filter, personalData: false }), actor: null, scope: EVERY_RECORD, rowPath: "claims" });
    expect(ferret.slice(2)).toEqual([{ $match: { "claims.status": { $in: ["已赔付"] } } }, { $group: { _id: "$claims.applyDate", value: { $sum: "$claims.amount" } } }]);
    const card = pipeline({ id: "b", kind: "number", title: "x", sum: "payments.amount" });
    expect(card.at(-1)).toEqual({ $group: { _id: null, value: { $sum: "$data.payments.amount" } } });
  });

  it("a month filter on a table's date narrows the records to those with such a row, and the rows to that month", () => {
    const w: Widget = { id: "a", kind: "byChoice", title: "x", field: "payments.status", filter: "f.payments.date.month=2024-02" };
    const days = Array.from({ length: 29 }, (_, i) => `2024-02-${String(i + 1).padStart(2, "0")}`);
    expect(pipeline(w)).toEqual([
      { $match: { $and: [...base, { "data.payments.date": { $in: days } }] } },
      { $unwind: "$data.payments" },
      { $match: { "data.payments.date": { $in: days } } },
      { $group: { _id: "$data.payments.status", value: { $sum: 1 } } },
    ]);
  });
  it("a top-N by owner groups by ownerId", () => {
    expect(pipeline({ id: "a", kind: "topN", title: "x", field: OWNER }).at(-1)).toEqual({ $group: { _id: "$ownerId", value: { $sum: 1 } } });
  });

  it("every stage uses the portable subset and each $group has exactly one accumulator", () => {
    for (const w of shippedDashboards[0].widgets.map((x) => widgetInput.parse(x))) {
      for (const stage of pipeline(w)) {
        const [op] = Object.keys(stage);
        expect(["$match", "$unwind", "$group"]).toContain(op);
        if (op === "$group") expect(Object.keys(stage.$group as object)).toEqual(["_id", "value"]);
      }
    }
  });
});

describe("widget checks", () => {
  it("refuses grouping or summing by personal data and never offers it", () => {
    expect(resolveWidget({ id: "a", kind: "topN", title: "x", field: "basic.idNumber" }, fields)).toEqual({ problem: { code: "personal", field: "身份证号码" } });
    expect(resolveWidget({ id: "a", kind: "topN", title: "x", field: "beneficiary.list.name" }, fields)).toMatchObject({ problem: { code: "personal" } });
    const offered = [...groupFields(fields, "topN"), ...groupFields(fields, "byChoice"), ...sumFields(fields)];
    expect(offered.length).toBeGreaterThan(5);
    expect(offered.filter((f) => f.pii)).toEqual([]);
  });

  it("a field that is gone or of another kind, a missing field, a wrong chart and two tables are problems", () => {
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x", field: "policy.nope" }, fields)).toEqual({ problem: { code: "fieldGone", field: "policy.nope" } });
    expect(resolveWidget({ id: "a", kind: "byMonth", title: "x", field: "policy.insuranceType" }, fields)).toMatchObject({ problem: { code: "fieldGone" } });
    const removed = fields.map((f) => (f.path === "status.state" ? { ...f, removed: true } : f));
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x", field: "status.state" }, removed)).toMatchObject({ problem: { code: "fieldGone", field: "保单状态" } });
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x" }, fields)).toEqual({ problem: { code: "needsField" } });
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x", field: "status.state", chart: "line" }, fields)).toEqual({ problem: { code: "badChart" } });
    expect(resolveWidget({ id: "a", kind: "byMonth", title: "x", field: "claims.applyDate", sum: "payments.amount" }, fields)).toMatchObject({ problem: { code: "mixedTables" } });
    // Rows are grouped by their own table's columns only.
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x", field: "policy.insuranceType", sum: "payments.amount" }, fields)).toMatchObject({ problem: { code: "outsideTable", table: "缴费记录", field: "保险类型" } });
    expect(resolveWidget({ id: "a", kind: "topN", title: "x", field: OWNER, sum: "payments.amount" }, fields)).toMatchObject({ problem: { code: "outsideTable", field: null } });
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x", field: "payments.status", sum: "policy.premium" }, fields)).toMatchObject({ problem: { code: "outsideTable", field: "保费" } });
    expect(resolveWidget({ id: "a", kind: "byChoice", title: "x", field: "payments.status", sum: "payments.amount" }, fields)).toHaveProperty("ok");
  });

  it("a widget's own filter is read as a viewer's: personal data and unknown parameters are refused", () => {
    expect(() => widgetListQuery({ fields, list, widgetFilter: "f.basic.idNumber.eq=11010519491231002X", personalData: true })).toThrow(ListQueryError);
    expect(() => widgetListQuery({ fields, list, widgetFilter: "$where=1", personalData: true })).toThrow(ListQueryError);
  });

  it("the shipped default dashboard is valid against the shipped template", () => {
    for (const w of shippedDashboards[0].widgets.map((x) => widgetInput.parse(x))) expect(resolveWidget(w, fields), w.title).toHaveProperty("ok");
  });
});

describe("months", () => {
  it("folds days into months, skips empty and invalid dates, fills gaps with 0", () => {
    const groups = [
      { _id: "2026-01-05", value: 2 },
      { _id: "2026-01-31", value: 3 },
      { _id: "2026-03-01", value: 1.5 },
      { _id: null, value: 7 },
      { _id: "", value: 7 },
      { _id: "2026-02-30", value: 7 },
      { _id: "not a date", value: 7 },
      { _id: new Date(), value: 7 },
    ];
    expect(foldMonths(groups)).toEqual([
      { month: "2026-01", value: 5 },
      { month: "2026-02", value: 0 },
      { month: "2026-03", value: 1.5 },
    ]);
    expect(foldMonths([{ _id: null, value: 3 }])).toEqual([]);
    expect(foldMonths([{ _id: "2025-12-31", value: 1 }, { _id: "2026-01-01", value: 1 }]).map((m) => m.month)).toEqual(["2025-12", "2026-01"]);
  });

  it("a month's range covers its last day (leap years included)", () => {
    expect(monthRange("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthRange("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });
});

describe("results and click-through", () => {
  const q = (filter = "") => widgetListQuery({ fields, list, widgetFilter: filter, personalData: false });

  it("choices come in the template's order with 未填写 last, each linking to the list filtered by that value plus the widget's filter", () => {
    const w: Widget = { id: "a", kind: "byChoice", title: "x", field: "policy.insuranceType", filter: "f.status.state.in=生效" };
    const r = shapeWidgetResult({ widget: w, resolved: ok(w), templateKey: "customer-archive", list, query: q(w.filter), groups: [{ _id: "车险", value: 2 }, { _id: null, value: 1 }, { _id: "人寿险", value: 4 }] });
    if (r.state !== "ok") throw new Error("not ok");
    expect(r.items.map((i) => [i.key, i.value])).toEqual([["人寿险", 4], ["车险", 2], [null, 1]]);
    expect(r.value).toBe(7);
    const href = new URL(r.items[0].href!, "http://x");
    expect(href.pathname).toBe("/t/customer-archive");
    expect(href.searchParams.get("f.status.state.in")).toBe("生效");
    expect(href.searchParams.get("f.policy.insuranceType.in")).toBe("人寿险");
    expect(new URL(r.items[2].href!, "http://x").searchParams.get("f.policy.insuranceType.empty")).toBe("1");
  });

  it("a month links to its date range; a table column's month to the records with a row in that month", () => {
    const top = { id: "a", kind: "byMonth", title: "x", field: "policy.applicationDate" } as Widget;
    const r = shapeWidgetResult({ widget: top, resolved: ok(top), templateKey: "customer-archive", list, query: q(), groups: [{ _id: "2024-02-10", value: 1 }] });
    if (r.state !== "ok") throw new Error("not ok");
    const p = new URL(r.items[0].href!, "http://x").searchParams;
    expect([p.get("f.policy.applicationDate.gte"), p.get("f.policy.applicationDate.lte")]).toEqual(["2024-02-01", "2024-02-29"]);
    const rows = { id: "b", kind: "byMonth", title: "x", field: "claims.applyDate", sum: "claims.amount", filter: "f.claims.status.in=已赔付" } as Widget;
    const r2 = shapeWidgetResult({ widget: rows, resolved: ok(rows), templateKey: "customer-archive", list, query: q(rows.filter), groups: [{ _id: "2024-02-10", value: 1 }, { _id: "2024-04-01", value: 2 }] });
    if (r2.state !== "ok") throw new Error("not ok");
    expect(r2.items.map((i) => i.key)).toEqual(["2024-02", "2024-03", "2024-04"]);
    const link = new URL(r2.items[1].href!, "http://x");
    expect(link.pathname).toBe("/t/customer-archive");
    expect([...link.searchParams]).toEqual([
      ["f.claims.status.in", "已赔付"],
      ["f.claims.applyDate.month", "2024-03"],
    ]);
    // The link is one the list itself parses, to exactly that filter.
    const parsed = parseListQuery(fields, list, link.searchParams);
    expect(parsed.filters).toContainEqual({ path: "claims.applyDate", op: "month", value: "2024-03" });
    expect(groupFilters(fields.find((f) => f.path === "claims.applyDate"), "not a month", true)).toBeNull();
  });
  it("top-N sorts the largest first and keeps `limit`; owners get their names and a link to their records", () => {
    const [u1, u2, u3] = ["64b000000000000000000001", "64b000000000000000000002", "64B000000000000000000003"];
    const w: Widget = { id: "a", kind: "topN", title: "x", field: OWNER, limit: 2, filter: "f.status.state.in=生效" };
    const r = shapeWidgetResult({ widget: w, resolved: ok(w), templateKey: "k", list, query: q(w.filter), groups: [{ _id: u1, value: 1 }, { _id: u2, value: 5 }, { _id: u3, value: 3 }, { _id: "legacy", value: 0 }], ownerNames: new Map([[u2, "王五"]]) });
    if (r.state !== "ok") throw new Error("not ok");
    expect(r.items.map((i) => [i.key, i.label, i.value])).toEqual([[u2, "王五", 5], [u3, undefined, 3]]);
    const link = new URL(r.items[0].href!, "http://x");
    expect(link.pathname).toBe("/t/k");
    expect(link.searchParams.get("owner")).toBe(u2);
    expect(link.searchParams.get("f.status.state.in")).toBe("生效");
    expect(new URL(r.items[1].href!, "http://x").searchParams.get("owner")).toBe(u3.toLowerCase());
    expect(parseListQuery(fields, list, link.searchParams).owner).toBe(u2);
    // An owner id that is not a user's (data from before owners) has no link.
    expect(ownerHref("k", list, q(), "legacy")).toBeNull();
    expect(ownerHref("k", list, q(), null)).toBeNull();
  });
  it("a number card links to the list with the widget's filter", () => {
    const w: Widget = { id: "a", kind: "number", title: "x", sum: "policy.premium", filter: "f.status.state.in=生效" };
    const r = shapeWidgetResult({ widget: w, resolved: ok(w), templateKey: "customer-archive", list, query: q(w.filter), groups: [{ _id: "customer-archive", value: 10.5 }] });
    if (r.state !== "ok") throw new Error("not ok");
    expect(r.value).toBe(10.5);
    expect(r.href).toBe(`/t/customer-archive?${new URLSearchParams({ "f.status.state.in": "生效" })}`);
  });
  it("the list link keeps the default sort out of the address", () => {
    expect(listHref("customer-archive", list, q())).toBe("/t/customer-archive");
  });
});
