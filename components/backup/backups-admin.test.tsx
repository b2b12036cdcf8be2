import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import type { BackupsView } from "@/lib/backup/backups-view";
import { I18nProvider } from "../i18n-provider";
import { BackupsAdmin } from "./backups-admin";

const view: BackupsView = { dir: "/srv/dossier/.data/backups", files: [], job: null };

const render = (daily: boolean, locale: "zh" | "en" = "zh") =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} dictionary={dictionaries[locale]}>
      <BackupsAdmin initial={view} keep={7} daily={daily} />
    </I18nProvider>,
  );

describe("BackupsAdmin", () => {
  it("says the system backs up daily only when it does", () => {
    expect(render(true)).toContain("系统每天自动备份一次");
    // Before: said so with DOSSIER_BACKUP_DAILY=0 too.
    const off = render(false);
    expect(off).not.toContain("每天自动备份一次");
    expect(off).toContain("没有开启每日自动备份");
    expect(render(false, "en")).toContain("no daily backup");
    expect(render(true, "en")).toContain("backs up once a day");
  });
});
