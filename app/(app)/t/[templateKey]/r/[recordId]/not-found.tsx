import { StatusNotice } from "@/components/errors/status-notice";
import { BackToListLink } from "@/components/record-detail/back-to-list-link";
import { ButtonLink } from "@/components/ui/button";
import { getDictionary } from "@/lib/i18n/server";

/** A record that does not exist or was deleted; offers the way back to its list. */
export default async function RecordNotFound() {
  const t = await getDictionary();
  return (
    <StatusNotice
      kind="notFound"
      title={t.detail.notFound.title}
      description={t.detail.notFound.description}
      actions={
        <>
          <BackToListLink label={t.detail.notFound.backToList} />
          <ButtonLink href="/" variant="ghost">
            {t.errors.notFound.home}
          </ButtonLink>
        </>
      }
    />
  );
}
