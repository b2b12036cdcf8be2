import { describe, expect, it } from "vitest";
import type { ListQuery } from "@/lib/records/list-query";
import { clearCriteria, hasCriteria, listHref, nextSort, pageWindow, patchQuery, replaceFieldFilters } from "./list-url";

const list = { columns: ["a", "@updatedAt"], defaultSort: { field: "@updatedAt", dir: "desc" as const } };
const base: ListQuery = { filters: [], q: "", sort: { field: "@updatedAt", dir: "desc" }, page: 1, size: 20, trash: false };

describe("listHref", () => {
  it("leaves defaults out of the address", () => {
    expect(listHref("/t/x", base, list)).toBe("/t/x");
  });
  it("writes filters, search, sort, page, size and trash", () => {
    const q: ListQuery = { filters: [{ path: "p.type", op: "in", value: ["车险", "健康险"] }], q: "张", sort: { field: "p.amount", dir: "asc" }, page: 3, size: 50, trash: true };
    const url = new URL(listHref("/t/x", q, list), "http://h");
    expect(url.pathname).toBe("/t/x");
    expect(url.searchParams.get("f.p.type.in")).toBe("车险|健康险");
    expect(url.searchParams.get("q")).toBe("张");
    expect(url.searchParams.get("sort")).toBe("p.amount");
    expect(url.searchParams.get("dir")).toBe("asc");
    expect(url.searchParams.get("page")).toBe("3");
    expect(url.searchParams.get("size")).toBe("50");
    expect(url.searchParams.get("trash")).toBe("1");
  });
});

describe("patchQuery and replaceFieldFilters", () => {
  it("goes back to page 1 unless the page itself changes", () => {
    const onPage4 = { ...base, page: 4 };
    expect(patchQuery(onPage4, { q: "x" }).page).toBe(1);
    expect(patchQuery(onPage4, { page: 5 }).page).toBe(5);
  });
  it("replaces one field's filters in place and removes them with an empty list", () => {
    const q: ListQuery = { ...base, page: 2, filters: [{ path: "a", op: "gte", value: 1 }, { path: "a", op: "lte", value: 5 }, { path: "b", op: "is", value: true }] };
    const next = replaceFieldFilters(q, "a", [{ path: "a", op: "gte", value: 2 }]);
    expect(next.filters).toEqual([{ path: "a", op: "gte", value: 2 }, { path: "b", op: "is", value: true }]);
    expect(next.page).toBe(1);
    expect(replaceFieldFilters(q, "a", []).filters).toEqual([{ path: "b", op: "is", value: true }]);
    expect(replaceFieldFilters(q, "c", [{ path: "c", op: "empty" }]).filters.at(-1)).toEqual({ path: "c", op: "empty" });
  });
  it("tells criteria apart from sort and paging, and clears only criteria", () => {
    expect(hasCriteria({ ...base, page: 3, sort: { field: "x", dir: "asc" } })).toBe(false);
    expect(hasCriteria({ ...base, q: "a" })).toBe(true);
    const cleared = clearCriteria({ ...base, q: "a", filters: [{ path: "a", op: "empty" }], size: 50, page: 3 });
    expect(cleared).toEqual({ ...base, size: 50 });
  });
});

describe("nextSort", () => {
  it("flips the current column and starts another ascending", () => {
    expect(nextSort(base, "@updatedAt")).toEqual({ field: "@updatedAt", dir: "asc" });
    expect(nextSort({ ...base, sort: { field: "x", dir: "asc" } }, "x")).toEqual({ field: "x", dir: "desc" });
    expect(nextSort(base, "x")).toEqual({ field: "x", dir: "asc" });
  });
});

describe("pageWindow", () => {
  it("shows all pages when there are few", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 2)).toEqual([1, 2]);
    expect(pageWindow(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it("keeps first and last and a window around the current page", () => {
    expect(pageWindow(6, 20)).toEqual([1, "gap", 4, 5, 6, 7, 8, "gap", 20]);
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, "gap", 20]);
    expect(pageWindow(20, 20)).toEqual([1, "gap", 14, 15, 16, 17, 18, 19, 20]);
  });
  it("keeps the same number of entries wherever the page is", () => {
    for (let p = 1; p <= 30; p++) expect(pageWindow(p, 30).length).toBe(pageWindow(1, 30).length);
  });
});
