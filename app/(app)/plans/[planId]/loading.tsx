export default function Loading() {
  return (
    <p role="status" className="p-6 text-lg text-slate-300">
      Loading the plan…
    </p>
  );
}
