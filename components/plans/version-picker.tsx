/**
 * Picks a version with a plain GET form, so it works without JavaScript and each version has a URL.
 */
export function VersionPicker({ basePath, tab, current, versions }: { basePath: string; tab: string; current: number; versions: { version: number; importedAt: string }[] }) {
  return (
    <form method="get" action={basePath} className="flex items-end gap-2">
      {tab !== "overview" ? <input type="hidden" name="tab" value={tab} /> : null}
      <div>
        <label htmlFor="plan-version" className="block text-sm font-medium text-slate-200">
          Version
        </label>
        <select
          id="plan-version"
          name="version"
          defaultValue={String(current)}
          className="mt-1 rounded-md border border-slate-600 bg-slate-950 px-2 py-1.5 text-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
        >
          {versions.map((v, i) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {v.importedAt}
              {i === 0 ? " (latest)" : ""}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-slate-100 ring-1 ring-slate-600 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
        Show
      </button>
    </form>
  );
}
