import clsx from "clsx";

/** A readable data table; `caption` names it for screen readers. */
export function DataTable({ caption, headers, children, className }: { caption: string; headers: React.ReactNode[]; children: React.ReactNode; className?: string }) {
  return (
    <div className={clsx("overflow-x-auto", className)}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-700 text-slate-300">
            {headers.map((header, index) => (
              <th key={index} scope="col" className="px-3 py-2 font-semibold">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className }: { children: React.ReactNode; className?: string }) {
  return <td className={clsx("px-3 py-2 align-top text-slate-200", className)}>{children}</td>;
}
