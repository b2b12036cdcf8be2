"use client";

import { useEffect } from "react";
import { StatusNotice } from "@/components/errors/status-notice";
import { useI18n } from "@/components/i18n-provider";
import { Button, ButtonLink } from "@/components/ui/button";

/** Unexpected errors inside the app shell: a plain-language message, retry, and a way home. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
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
