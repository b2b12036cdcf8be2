"use client";

import { useEffect, useState } from "react";
import { StatusNotice } from "@/components/errors/status-notice";
import { useI18n } from "@/components/i18n-provider";
import { Button, ButtonLink } from "@/components/ui/button";

/** How often the page asks whether the database is back. */
const POLL_MS = 5_000;

/**
 * Unexpected errors inside the app shell: a plain-language message, retry, and a way home. When
 * the cause is the database being away (the health check answers 503), it says so instead and
 * reloads the page by itself once the database answers again.
 */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const [databaseAway, setDatabaseAway] = useState(false);
  useEffect(() => {
    console.error(error);
  }, [error]);
  useEffect(() => {
    let stopped = false;
    let away = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const status = await fetch("/api/health", { cache: "no-store" }).then((r) => r.status, () => 0);
      if (stopped) return;
      if (status === 503) {
        away = true;
        setDatabaseAway(true);
        timer = setTimeout(check, POLL_MS);
      } else if (away && status === 200) window.location.reload();
      else if (away) timer = setTimeout(check, POLL_MS);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (databaseAway)
    return (
      <StatusNotice
        kind="error"
        title={t.errors.unavailable.title}
        description={
          <>
            {t.errors.unavailable.description}
            <span className="mt-2 block text-slate-400" role="status">
              {t.errors.unavailable.retrying}
            </span>
          </>
        }
        actions={
          <Button variant="primary" onClick={() => window.location.reload()}>
            {t.errors.unavailable.retry}
          </Button>
        }
      />
    );
  return (
    <StatusNotice
      kind="error"
      title={t.errors.error.title}
      description={t.errors.error.description}
      code={digest ? `${t.errors.error.code}: ${digest}` : undefined}
      actions={
        <>
          <Button variant="primary" onClick={() => retry()}>
            {t.errors.error.retry}
          </Button>
          <ButtonLink href="/" variant="ghost">
            {t.errors.error.home}
          </ButtonLink>
        </>
      }
    />
  );
}
