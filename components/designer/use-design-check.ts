"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { TemplateContent } from "@/lib/schema/types";
import type { DesignCheck } from "@/lib/templates/check-design";
import { apiFetch } from "../api-client";

const KEEP = 20;

/**
 * Asks the server to check unsaved content (POST …/draft/check): the checks compile the schema,
 * which the page may not do under its Content-Security-Policy. Answers are kept per content and
 * language, so the designer, autosave, the publish dialog and the JSON view share one request.
 */
export function useDesignCheck(templateKey: string, locale: string) {
  const answers = useRef(new Map<string, Promise<DesignCheck>>());
  return useCallback(
    (content: TemplateContent): Promise<DesignCheck> => {
      const key = `${locale}\n${JSON.stringify(content)}`;
      const known = answers.current.get(key);
      if (known) return known;
      const asked = apiFetch<DesignCheck>(`/api/templates/${encodeURIComponent(templateKey)}/draft/check`, { method: "POST", body: { content } });
      answers.current.set(key, asked);
      asked.catch(() => answers.current.delete(key));
      while (answers.current.size > KEEP) answers.current.delete(answers.current.keys().next().value!);
      return asked;
    },
    [templateKey, locale],
  );
}

/** How long content must stay unchanged before it is sent for checking (typing stays quiet). */
const SETTLE_MS = 150;

/**
 * The check of `content` once it settles. Until the answer arrives the previous one stays
 * (with the content it was about), so the list of problems does not flicker while typing.
 */
export function useCheckedContent(content: TemplateContent | null, check: (content: TemplateContent) => Promise<DesignCheck>) {
  const [checked, setChecked] = useState<{ content: TemplateContent; result: DesignCheck } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!content) return;
    let live = true;
    const timer = window.setTimeout(() => {
      check(content).then(
        (result) => {
          if (!live) return;
          setChecked({ content, result });
          setFailed(null);
        },
        (err: unknown) => live && setFailed((err as Error).message),
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [content, check]);
  return { checked, current: checked !== null && checked.content === content, failed };
}
