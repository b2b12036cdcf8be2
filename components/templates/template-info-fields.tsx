"use client";

import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormField, Input, Textarea } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";

/** What the create, clone and edit-info dialogs ask for. `key` is null while it follows the name. */
export interface TemplateInfo {
  name: string;
  key: string | null;
  productLine: string;
  description: string;
}

export const blankInfo: TemplateInfo = { name: "", key: null, productLine: "", description: "" };

/**
 * Name, key (a preview derived from the name until the administrator types one), product line
 * and description. Errors come keyed by field ("name", "key", …).
 */
export function TemplateInfoFields({
  idPrefix,
  value,
  onChange,
  errors,
  derivedKey,
  withKey = true,
  autoFocus = true,
  namePlaceholder,
  descriptionNote,
}: {
  idPrefix: string;
  value: TemplateInfo;
  onChange: (next: TemplateInfo, changed: keyof TemplateInfo) => void;
  errors: Record<string, string>;
  /** The key the name gives; shown while `value.key` is null. */
  derivedKey?: string;
  withKey?: boolean;
  autoFocus?: boolean;
  namePlaceholder?: string;
  /** A reminder under the description, e.g. that a clone's description was copied and needs a look. */
  descriptionNote?: string;
}) {
  const { t } = useI18n();
  const f = t.templates.form;
  const set = <K extends keyof TemplateInfo>(k: K, v: TemplateInfo[K]) => onChange({ ...value, [k]: v }, k);
  const key = value.key ?? derivedKey ?? "";
  const described = (field: string) => (errors[field] ? `${idPrefix}-${field}-error` : undefined);
  return (
    <>
      <FormField id={`${idPrefix}-name`} label={f.name} required error={errors.name}>
        <Input
          id={`${idPrefix}-name`}
          value={value.name}
          onChange={(e) => set("name", e.target.value)}
          invalid={!!errors.name}
          aria-describedby={described("name")}
          maxLength={100}
          placeholder={namePlaceholder}
          autoComplete="off"
          autoFocus={autoFocus}
        />
      </FormField>
      {withKey && (
        <FormField id={`${idPrefix}-key`} label={f.key} required error={errors.key} help={fmt(f.keyHelp, { key: key || "…" })}>
          <div className="flex gap-2">
            <Input
              id={`${idPrefix}-key`}
              value={key}
              onChange={(e) => set("key", e.target.value.toLowerCase())}
              invalid={!!errors.key}
              aria-describedby={described("key")}
              className="font-mono"
              spellCheck={false}
              autoComplete="off"
              maxLength={64}
            />
            {value.key !== null && (
              <Button size="md" variant="ghost" onClick={() => set("key", null)} className="shrink-0">
                {f.keyAuto}
              </Button>
            )}
          </div>
        </FormField>
      )}
      <FormField id={`${idPrefix}-productLine`} label={f.productLine} error={errors.productLine}>
        <Input
          id={`${idPrefix}-productLine`}
          value={value.productLine}
          onChange={(e) => set("productLine", e.target.value)}
          invalid={!!errors.productLine}
          aria-describedby={described("productLine")}
          placeholder={f.productLinePlaceholder}
          maxLength={50}
          autoComplete="off"
        />
      </FormField>
      <FormField id={`${idPrefix}-description`} label={f.description} error={errors.description}>
        <Textarea
          id={`${idPrefix}-description`}
          value={value.description}
          onChange={(e) => set("description", e.target.value)}
          invalid={!!errors.description}
          aria-describedby={described("description")}
          placeholder={f.descriptionPlaceholder}
          rows={3}
          maxLength={1000}
        />
        {descriptionNote && (
          <p data-testid="description-note" className="mt-1.5 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">
            {descriptionNote}
          </p>
        )}
      </FormField>
    </>
  );
}
