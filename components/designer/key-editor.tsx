"use client";

import { useState } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { KEY_PATTERN } from "@/lib/template-model/model";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { Input } from "../ui/form-controls";
import { Prop } from "./prop-inputs";

/**
 * The field key: read-only once published (data is stored under it), editable for new fields,
 * committed on Enter or when leaving the box (a half-typed key never renames anything), with the
 * key the label would give as a one-click suggestion.
 */
export function KeyEditor({ value, published, derived, siblingKeys, onCommit, problems }: { value: string; published: boolean; derived: string; siblingKeys: string[]; onCommit: (key: string) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const p = t.designer.props;
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The key changes from outside too (the label gives a new one): follow it while not typing.
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const local: DesignerProblem[] = [];
  if (text !== value) {
    if (!KEY_PATTERN.test(text)) local.push({ path: "", message: p.keyInvalid });
    else if (siblingKeys.includes(text)) local.push({ path: "", message: fmt(p.keyTaken, { key: text }) });
  }
  const commit = () => {
    if (text === value) return;
    if (local.length === 0) onCommit(text);
  };
  if (published) {
    return (
      <Prop label={p.key} help={p.keyPublished} problems={problems}>
        {(id) => <Input id={id} value={value} readOnly className="bg-slate-50 font-mono text-slate-600" />}
      </Prop>
    );
  }
  return (
    <Prop label={p.key} help={p.keyNew} problems={[...local, ...problems]}>
      {(id, describedBy) => (
        <>
          <Input
            id={id}
            value={text}
            aria-describedby={describedBy}
            invalid={local.length + problems.length > 0}
            className="font-mono"
            spellCheck={false}
            onChange={(e) => setText(e.target.value.trim())}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                commit();
              }
              if (e.key === "Escape") setText(value);
            }}
          />
          {derived !== value && (
            <p className="flex items-center gap-1 text-xs text-slate-500">
              {fmt(p.keyDerived, { key: derived })}
              <Button size="sm" variant="link" className="text-xs" onClick={() => onCommit(derived)}>
                {p.useDerived}
              </Button>
            </p>
          )}
        </>
      )}
    </Prop>
  );
}
