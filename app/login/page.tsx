import { redirect } from "next/navigation";
import { LoginForm } from "@/components/identity/login-form";
import { safeCallbackPath } from "@/components/identity/login-messages";
import { getCurrentActor } from "@/server/auth/session";
import { oidcSettings } from "@/server/auth/oidc";
import { demoLogins } from "@/server/identity/demo";
import { countUsers } from "@/server/identity/queries";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; setup?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentActor()) redirect(callbackUrl);
  const [demo, users] = await Promise.all([demoLogins(), countUsers()]);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <p className="text-lg font-bold tracking-tight text-sky-300">Flightdeck</p>
      <h1 className="mt-2 text-3xl font-semibold text-slate-100">Sign in</h1>
      <p className="mt-1 mb-6 text-slate-300">The deployment control room.</p>
      {params.setup === "done" ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-700 bg-emerald-950 p-3 text-emerald-100">
          <span aria-hidden="true">✓ </span>The admin account is ready. Sign in with it.
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} initialError={params.error ?? null} oidcName={oidcSettings()?.name ?? null} demo={demo} needsSetup={users === 0} />
    </main>
  );
}
