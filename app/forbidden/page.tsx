import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default async function Forbidden({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to that page</h1>
      <p className="mt-3 text-slate-300">
        Your role does not include {need ? <code className="rounded bg-slate-800 px-1">{need}</code> : "this permission"}. Ask an admin if you need it.
      </p>
      <Link href="/" className="mt-6 inline-block text-sky-300 underline">
        Back to Flightdeck
      </Link>
    </main>
  );
}
