"use client";

import { json } from "@codemirror/lang-json";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useEffect, useMemo, useRef } from "react";
import type { JsonProblem } from "./json-problems";

/** Moves the cursor to an offset, scrolls it into view and focuses the editor. */
export type JumpTo = (offset: number) => void;

/**
 * CodeMirror 6 with JSON highlighting, bracket matching, folding and search, bundled (no CDN).
 * Problems appear as marks in the gutter and under the text; `onReady` hands out a jump function.
 */
export default function JsonEditor({ value, onChange, problems, label, onReady }: { value: string; onChange: (value: string) => void; problems: JsonProblem[]; label: string; onReady: (jump: JumpTo) => void }) {
  const view = useRef<EditorView | null>(null);
  const extensions = useMemo(() => [json(), lintGutter(), EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": label })], [label]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const len = v.state.doc.length;
    const diagnostics: Diagnostic[] = problems.map((p) => {
      const from = Math.min(p.offset, len);
      return { from, to: Math.min(v.state.doc.lineAt(from).to, len), severity: "error", message: p.message };
    });
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [problems, value]);

  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      height="calc(100vh - 17rem)"
      minHeight="20rem"
      basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false }}
      className="overflow-hidden rounded-lg border border-slate-300 text-[13px] [&_.cm-editor.cm-focused]:outline-2 [&_.cm-editor.cm-focused]:outline-blue-600"
      onCreateEditor={(v) => {
        view.current = v;
        onReady((offset) => {
          const at = Math.min(offset, v.state.doc.length);
          v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
          v.focus();
        });
      }}
    />
  );
}
