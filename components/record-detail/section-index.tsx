/** The sticky list of sections beside the detail page at wide widths; plain anchors, keyboard friendly. */
export function SectionIndex({ title, items }: { title: string; items: { id: string; label: string; isEmpty?: boolean }[] }) {
  return (
    <nav aria-label={title} className="sticky top-20 hidden max-h-[calc(100vh-6rem)] overflow-y-auto lg:block">
      <p className="px-2 pb-2 text-xs font-semibold tracking-wide text-slate-400 uppercase">{title}</p>
      <ul className="flex flex-col gap-0.5 border-l border-slate-200">
        {items.map((item) => (
          <li key={item.id}>
            <a
              href={`#${item.id}`}
              className={`-ml-px block border-l border-transparent py-1 pr-2 pl-3 text-sm hover:border-slate-400 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 ${
                item.isEmpty ? "text-slate-400" : "text-slate-600"
              }`}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
