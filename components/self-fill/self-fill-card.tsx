import { Card, CardHeader } from "@/components/ui/card";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import { linkTemplateOption, sectionTitles } from "@/lib/self-fill/link-template-option";
import type { LinkView } from "@/lib/self-fill/link-view";
import type { ProposalView } from "@/lib/self-fill/list-proposals";
import type { PublishedTemplate } from "@/lib/templates/types";
import { CreateLinkDialog } from "./create-link-dialog";
import { LinkTable } from "./link-table";
import { ProposalReview } from "./proposal-review";

/**
 * 客户自填 on a record's detail page, for those who may edit it: make a link for this record, the
 * record's links with their state, and the customer's open submissions to accept or reject.
 */
export function SelfFillCard({
  template,
  recordId,
  revision,
  links,
  proposals,
  currentUserId,
  canCreate,
  canReveal,
  t,
}: {
  template: PublishedTemplate;
  recordId: string;
  revision: number;
  links: LinkView[];
  proposals: ProposalView[];
  currentUserId: string;
  canCreate: boolean;
  /** The reader may reveal personal data (a proposed value's 查看). */
  canReveal: boolean;
  t: Dictionary;
}) {
  const l = t.selfFill.links;
  return (
    <Card aria-labelledby="self-fill-title" data-testid="self-fill-card">
      <CardHeader
        id="self-fill-title"
        title={l.recordTitle}
        actions={canCreate ? <CreateLinkDialog templates={[linkTemplateOption(template)]} recordId={recordId} label={t.selfFill.dialog.open} /> : undefined}
      />
      <div className="flex flex-col gap-4 px-5 py-4">
        {proposals.length > 0 && (
          <section aria-label={t.selfFill.proposal.title} className="flex flex-col gap-3">
            <h3 className="text-sm font-semibold text-slate-900">{t.selfFill.proposal.title}</h3>
            {proposals.map((p) => (
              <ProposalReview key={p.id} proposal={p} templateKey={template.key} revision={revision} canReveal={canReveal} />
            ))}
          </section>
        )}
        {links.length === 0 ? (
          <p className="text-sm text-slate-500">{l.emptyHint}</p>
        ) : (
          <LinkTable links={links.map((x) => ({ ...x, sectionTitles: sectionTitles(template, x.sections) }))} currentUserId={currentUserId} />
        )}
      </div>
    </Card>
  );
}
