"use client";

import { useI18n } from "@/components/i18n-provider";
import { Select } from "@/components/ui/form-controls";
import { VERIFICATION_STATES, type VerificationState } from "@/lib/schema/verification";
import { useListNav } from "./list-nav";
import { patchQuery } from "./list-url";

/** The list's verification filter (待核对, 已核对…), for templates that use verification. */
export function VerificationFilter() {
  const { t } = useI18n();
  const { query, navigate } = useListNav();
  const value = query.verification?.length === 1 ? query.verification[0] : "";
  return (
    <label className="flex items-center gap-2 text-sm sm:ml-auto">
      <span className="shrink-0 text-slate-600">{t.list.meta["@verification"]}</span>
      <Select
        value={value}
        className="h-9 w-auto"
        data-testid="verification-filter"
        onChange={(e) => navigate(patchQuery(query, { verification: e.target.value ? [e.target.value as VerificationState] : undefined }))}
      >
        <option value="">{t.list.verificationAll}</option>
        {VERIFICATION_STATES.map((s) => (
          <option key={s} value={s}>
            {t.list.verification[s]}
          </option>
        ))}
      </Select>
    </label>
  );
}
