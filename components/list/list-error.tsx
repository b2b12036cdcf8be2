import { getDictionary } from "@/lib/i18n/server";
import { Alert } from "../ui/alert";
import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { ListHeader } from "./list-header";

/**
 * The list's frame when its URL parameters cannot be used (a hand-edited filter, an unknown sort
 * field, a page that is not a number): what is wrong, and a way back to the plain list.
 */
export async function ListError({
  templateKey,
  name,
  description,
  can,
  message,
  forbidden = false,
}: {
  templateKey: string;
  name: string;
  description: string;
  can: { create: boolean };
  message: string;
  /** The parameters are fine but ask for more than the reader may see (the recycle bin). */
  forbidden?: boolean;
}) {
  const t = await getDictionary();
  const base = `/t/${encodeURIComponent(templateKey)}`;
  return (
    <div className="flex flex-col gap-4">
      <ListHeader
        name={name}
        description={description}
        actions={
          can.create && (
            <ButtonLink href={`${base}/new`} variant="primary">
              <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
                <path d="M10.75 4.75a.75.75 0 00-1.5 0v4.5h-4.5a.75.75 0 000 1.5h4.5v4.5a.75.75 0 001.5 0v-4.5h4.5a.75.75 0 000-1.5h-4.5v-4.5z" />
              </svg>
              {t.list.toolbar.create}
            </ButtonLink>
          )
        }
      />
      <Card className="p-4">
        <Alert
          tone="error"
          title={forbidden ? t.list.error.forbidden : t.list.error.title}
          actions={<ButtonLink href={base}>{forbidden ? t.list.toolbar.leaveTrash : t.list.filters.clearFilters}</ButtonLink>}
        >
          {/* The only thing one may be refused here is the recycle bin: say so in the reader's language. */}
          <p>{forbidden ? t.list.error.trashForbidden : message}</p>
          {!forbidden && <p className="mt-1 text-red-800/80">{t.list.error.hint}</p>}
        </Alert>
      </Card>
    </div>
  );
}
