import { StatusNotice } from "@/components/errors/status-notice";
import { ButtonLink } from "@/components/ui/button";
import { getDictionary } from "@/lib/i18n/server";

/** Something inside the app that does not exist; the shell stays around it. */
export default async function AppNotFound() {
  const t = await getDictionary();
  return (
    <StatusNotice
      kind="notFound"
      title={t.errors.notFound.title}
      description={t.errors.notFound.description}
      actions={
        <ButtonLink href="/" variant="primary">
          {t.errors.notFound.home}
        </ButtonLink>
      }
    />
  );
}
