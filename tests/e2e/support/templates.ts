import type { APIRequestContext, Locator, Page } from "@playwright/test";
import type { DesignerModel } from "../../../lib/template-model/model";
import { expect, TEMPLATE, unique } from "./fixtures";

/**
 * Opens the "更多操作" menu of one row on the templates page and returns the menu. The page is
 * rendered on the server: a click that lands before React has hydrated the row does nothing (a CI
 * run saw the menu never open), so the trigger is clicked again until the menu is open.
 */
export async function openRowMenu(page: Page, row: Locator): Promise<Locator> {
  const trigger = row.getByRole("button", { name: "更多操作" });
  const menu = page.getByRole("dialog", { name: /^更多操作：/ });
  await expect(async () => {
    if ((await trigger.getAttribute("aria-expanded")) !== "true") await trigger.click();
    await expect(menu).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return menu;
}

/** Opens a template's "更多操作" menu on the templates page and picks an action. */
export async function rowAction(page: Page, key: string, action: string) {
  const menu = await openRowMenu(page, page.locator(`tr[data-template="${key}"]`));
  await menu.getByRole("button", { name: action }).click();
}

/** A template key no other test uses (the default template is never changed by these journeys). */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${unique()}`.toLowerCase().replace(/[^a-z0-9-]/g, "");
}

/** Clones the default template through the API and returns the new key. */
export async function cloneDefault(api: APIRequestContext, params: { name: string; key: string; productLine?: string }): Promise<string> {
  const res = await api.post("/api/templates", { data: { mode: "clone", source: TEMPLATE, ...params } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).template.key;
}

/**
 * Edits a template's draft the way the designer does — GET the model, change it with the
 * lib/template-model helpers, PUT it back — then publishes it. Returns the new version number.
 */
export async function editAndPublish(api: APIRequestContext, key: string, edit: (model: DesignerModel) => DesignerModel, note = "e2e"): Promise<number> {
  const draft = await (await api.get(`/api/templates/${key}/draft`)).json();
  const put = await api.put(`/api/templates/${key}/draft`, { data: { revision: draft.template.revision, model: edit(draft.model) } });
  expect(put.status(), await put.text()).toBe(200);
  const saved = await put.json();
  const pub = await api.post(`/api/templates/${key}/publish`, { data: { revision: saved.template.revision, note } });
  expect(pub.status(), await pub.text()).toBe(200);
  return (await pub.json()).version;
}
