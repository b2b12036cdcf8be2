"use client";

import { useId, useState, type ReactNode } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { cn } from "../ui/cn";
import { Input, Textarea } from "../ui/form-controls";

/** The problems of one property, shown under its control in red (announced when they appear). */
export function ProblemNote({ problems, id }: { problems: DesignerProblem[]; id?: string }) {
  if (problems.length === 0) return null;
  return (
    <div id={id} role="alert" className="flex flex-col gap-0.5">
      {problems.map((p, i) => (
        <p key={i} className="text-xs leading-snug text-red-600">
          {p.message}
        </p>
      ))}
    </div>
  );
}

/** A labelled property control with its help and problems; `children` receives the control's id. */
export function Prop({ id: fixedId, label, help, problems = [], children, className }: { id?: string; label: ReactNode; help?: ReactNode; problems?: DesignerProblem[]; children: (id: string, describedBy?: string) => ReactNode; className?: string }) {
  const autoId = useId();
  const id = fixedId ?? autoId;
  const errId = `${id}-problems`;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id, problems.length ? errId : undefined)}
      {problems.length > 0 ? <ProblemNote problems={problems} id={errId} /> : help ? <p className="text-xs text-slate-400">{help}</p> : null}
    </div>
  );
}

/** A text property: empty text means "not set". */
export function TextProp({ id, label, value, onChange, problems, help, placeholder, multiline, mono }: { id?: string; label: string; value: string | undefined; onChange: (v: string | undefined) => void; problems?: DesignerProblem[]; help?: ReactNode; placeholder?: string; multiline?: boolean; mono?: boolean }) {
  return (
    <Prop id={id} label={label} help={help} problems={problems}>
      {(id, describedBy) =>
        multiline ? (
          <Textarea id={id} rows={2} value={value ?? ""} placeholder={placeholder} aria-describedby={describedBy} invalid={!!problems?.length} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
        ) : (
          <Input id={id} value={value ?? ""} placeholder={placeholder} aria-describedby={describedBy} invalid={!!problems?.length} className={cn(mono && "font-mono")} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
        )
      }
    </Prop>
  );
}

/** A number property: empty means "not set"; text that is not a number is ignored. */
export function NumberProp({ label, value, onChange, problems, step }: { label: string; value: number | undefined; onChange: (v: number | undefined) => void; problems?: DesignerProblem[]; step?: number }) {
  return (
    <Prop label={label} problems={problems}>
      {(id, describedBy) => (
        <Input
          id={id}
          type="number"
          step={step ?? "any"}
          value={value ?? ""}
          aria-describedby={describedBy}
          invalid={!!problems?.length}
          onChange={(e) => {
            if (e.target.value === "") return onChange(undefined);
            const n = Number(e.target.value);
            if (Number.isFinite(n)) onChange(n);
          }}
        />
      )}
    </Prop>
  );
}

/** A yes/no property as a checkbox with its label beside it. */
export function CheckProp({ label, checked, onChange, problems = [], help, disabled }: { label: string; checked: boolean; onChange: (v: boolean) => void; problems?: DesignerProblem[]; help?: ReactNode; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className={cn("flex items-center gap-2 text-sm text-slate-700", disabled && "opacity-50")}>
        <input id={id} type="checkbox" className="size-4 rounded border-slate-300 accent-blue-600" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {problems.length > 0 ? <ProblemNote problems={problems} /> : help ? <p className="pl-6 text-xs text-slate-400">{help}</p> : null}
    </div>
  );
}

/** A titled group of properties in the panel. */
export function PropGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-3 border-t border-slate-100 px-4 py-3.5">
      <legend className="float-left mb-0.5 w-full text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

const splitList = (text: string) => [...new Set(text.split(/[,，、;；]/).map((a) => a.trim()).filter(Boolean))];

/**
 * A list of short texts typed in one box, separated by 、 or commas: kept as typed while the box
 * has focus (so a separator can be typed), read into the list on every change.
 */
export function ListProp({ label, value, onChange, problems, help, placeholder }: { label: string; value: string[] | undefined; onChange: (v: string[] | undefined) => void; problems?: DesignerProblem[]; help?: ReactNode; placeholder?: string }) {
  const joined = (value ?? []).join("、");
  const [text, setText] = useState(joined);
  const [shown, setShown] = useState(joined);
  if (shown !== joined) {
    // Another change of the model (undo, another field selected) shows its list.
    setShown(joined);
    if (splitList(text).join("、") !== joined) setText(joined);
  }
  return (
    <Prop label={label} help={help} problems={problems}>
      {(id, describedBy) => (
        <Input
          id={id}
          value={text}
          placeholder={placeholder}
          aria-describedby={describedBy}
          invalid={!!problems?.length}
          onChange={(e) => {
            setText(e.target.value);
            const list = splitList(e.target.value);
            onChange(list.length ? list : undefined);
          }}
          onBlur={() => setText(joined)}
        />
      )}
    </Prop>
  );
}
