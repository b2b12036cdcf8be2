"use client";

import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { DesignerModel } from "@/lib/template-model/model";
import { selfFillSectionCandidates, selfFillSettings, setSelfFillPrivacy, setSelfFillSection } from "@/lib/template-model/self-fill-settings";
import { useI18n } from "../i18n-provider";
import { Textarea } from "../ui/form-controls";
import { Prop, PropGroup, ProblemNote } from "./prop-inputs";

/**
 * 客户自填: the sections a new self-fill link offers by default, whether the customer must consent
 * before submitting (PIPL: consent before sensitive personal information), and the privacy notice.
 */
export function SelfFillSettings({ model, onModel, problems }: { model: DesignerModel; onModel: (model: DesignerModel) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const s = t.designer.selfFill;
  const settings = selfFillSettings(model);
  return (
    <PropGroup title={s.title}>
      <fieldset className="flex flex-col gap-0.5">
        <legend className="text-sm font-medium text-slate-700">{s.sections}</legend>
        <p className="mb-1 text-xs text-slate-400">{s.sectionsHint}</p>
        {selfFillSectionCandidates(model).map((f) => (
          <label key={f.key} className="flex items-center gap-2 py-0.5 text-sm text-slate-700">
            <input type="checkbox" className="size-4" checked={settings.sections.includes(f.key)} onChange={(e) => onModel(setSelfFillSection(model, f.key, e.target.checked))} />
            <span>{f.label || f.key}</span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" className="mt-0.5 size-4" checked={settings.consent} onChange={(e) => onModel(setSelfFillPrivacy(model, { consent: e.target.checked }))} />
        <span>{s.consent}</span>
      </label>
      <Prop label={s.notice} help={s.noticeHelp}>
        {(id) => <Textarea id={id} rows={4} maxLength={5000} value={settings.notice} onChange={(e) => onModel(setSelfFillPrivacy(model, { notice: e.target.value }))} />}
      </Prop>
      <ProblemNote problems={problems} />
    </PropGroup>
  );
}
