import Markdown from "react-markdown";
import type { TPlan } from "@/lib/plan/schema";
import { EmptyState } from "@/components/ui/card";

/** Sections the importer did not recognise, kept as written (rendered without raw HTML). */
export function NotesSection({ plan }: { plan: TPlan }) {
  if (plan.notes.length === 0) return <EmptyState title="No other sections">Every section of this plan was recognised.</EmptyState>;
  return (
    <div className="space-y-6">
      {plan.notes.map((note, i) => (
        <section key={i} aria-labelledby={`note-${i + 1}`} className="rounded-md border border-slate-800 bg-slate-900/70 p-4">
          <h3 id={`note-${i + 1}`} className="text-xl font-semibold text-white">
            {note.heading || "Untitled"}
          </h3>
          <div className="plan-markdown mt-2 space-y-2 text-slate-200 [&_a]:text-sky-300 [&_a]:underline [&_code]:font-mono [&_li]:ml-5 [&_ol]:list-decimal [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-black/60 [&_pre]:p-3 [&_ul]:list-disc">
            <Markdown skipHtml>{note.body}</Markdown>
          </div>
        </section>
      ))}
    </div>
  );
}
