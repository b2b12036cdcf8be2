"use client";

import { useState } from "react";
import { Input } from "@/components/ui/form-controls";

/** A password field with a show/hide toggle, so an administrator can check what they typed. */
export function PasswordInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  labels,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  invalid?: boolean;
  describedBy?: string;
  labels: { show: string; hide: string };
}) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input
        id={id}
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        invalid={invalid}
        aria-describedby={describedBy}
        className="pr-16"
      />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-controls={id}
        className="absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {visible ? labels.hide : labels.show}
      </button>
    </div>
  );
}
