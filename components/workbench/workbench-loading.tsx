import { Spinner } from "@/components/ui/spinner";

/** What the 工作台 shows while its reminders are computed (streamed in when ready). */
export function WorkbenchLoading({ title, message }: { title: string; message: string }) {
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-5" aria-busy="true">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
        <Spinner className="size-4" />
        {message}
      </p>
    </div>
  );
}
