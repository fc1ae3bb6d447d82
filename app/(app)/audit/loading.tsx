export default function AuditLoading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <p role="status" className="text-slate-300">
        Loading events…
      </p>
    </div>
  );
}
