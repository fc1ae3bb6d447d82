"use client";
import { useEffect, useRef, useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { loginErrorMessage, safeCallbackPath, throttledSeconds } from "./login-messages";

export type LoginFormProps = {
  callbackUrl: string;
  initialError: string | null;
  oidcName: string | null;
  demo: { accounts: Array<{ email: string; name: string; productRole: string; teamRoles: string[] }>; password: string | null } | null;
  needsSetup: boolean;
};

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-600 bg-slate-900 px-3 py-2 text-base text-slate-100 placeholder:text-slate-500 focus:border-sky-400 focus:outline focus:outline-2 focus:outline-sky-400";

export function LoginForm({ callbackUrl, initialError, oidcName, demo, needsSetup }: LoginFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const [waitUntil, setWaitUntil] = useState<number | null>(() => {
    const seconds = throttledSeconds(initialError);
    return seconds ? Date.now() + seconds * 1000 : null;
  });
  const [now, setNow] = useState(() => Date.now());
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!waitUntil) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const remaining = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0;
  const blocked = remaining > 0;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || blocked) return;
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        window.location.assign(safeCallbackPath(result.url ?? callbackUrl));
        return;
      }
      const code = result?.error ?? "Callback";
      const seconds = throttledSeconds(code);
      setWaitUntil(seconds ? Date.now() + seconds * 1000 : null);
      setNow(Date.now());
      setError(code);
      setPassword("");
      passwordRef.current?.focus();
    } catch {
      setError("Callback");
    } finally {
      setPending(false);
    }
  }

  const message = error
    ? throttledSeconds(error) !== null
      ? blocked
        ? `Too many attempts. Try again in ${remaining} s.`
        : "You can try again now."
      : loginErrorMessage(error)
    : null;

  return (
    <div className="space-y-6">
      {needsSetup ? (
        <p className="rounded-md border border-amber-700 bg-amber-950 p-3 text-amber-100">
          <span aria-hidden="true">⚠ </span>No accounts exist yet. <a href="/setup" className="font-semibold underline">Create the first admin</a>.
        </p>
      ) : null}

      <form onSubmit={onSubmit} noValidate aria-describedby={message ? "login-error" : undefined} className="space-y-4">
        {message ? (
          <p id="login-error" role="alert" className="rounded-md border border-rose-700 bg-rose-950 p-3 text-rose-100">
            <span aria-hidden="true">✕ </span>
            {message}
          </p>
        ) : null}
        <div>
          <label htmlFor="login-email" className="block text-sm font-medium text-slate-200">
            Email
          </label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="login-password" className="block text-sm font-medium text-slate-200">
            Password
          </label>
          <input
            id="login-password"
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={inputClass}
          />
        </div>
        <Button type="submit" variant="primary" disabled={pending || blocked} className="w-full py-2.5 text-base">
          {pending ? "Signing in…" : blocked ? `Sign in (wait ${remaining} s)` : "Sign in"}
        </Button>
      </form>

      {oidcName ? (
        <div className="space-y-3">
          <p className="text-center text-sm text-slate-400">or</p>
          <Button type="button" variant="secondary" className="w-full py-2.5 text-base" onClick={() => void signIn("oidc", { callbackUrl })}>
            Continue with {oidcName}
          </Button>
        </div>
      ) : null}

      {demo && demo.accounts.length > 0 ? (
        <section aria-labelledby="demo-title" className="rounded-lg border border-sky-800 bg-sky-950/40 p-4">
          <h2 id="demo-title" className="text-base font-semibold text-sky-100">
            Demo accounts
          </h2>
          <p className="mt-1 text-sm text-slate-300">
            {demo.password ? (
              <>
                Every demo account uses the password <code className="rounded bg-slate-800 px-1 text-slate-100">{demo.password}</code>.
              </>
            ) : (
              <>Their passwords were printed once to the server console at first start.</>
            )}
          </p>
          <ul className="mt-3 space-y-1">
            {demo.accounts.map((account) => (
              <li key={account.email} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <span className="font-medium text-slate-100">{account.email}</span>
                  <span className="text-slate-400">
                    {" "}
                    · {account.productRole}
                    {account.teamRoles.length ? ` · ${account.teamRoles.join(", ")}` : ""}
                  </span>
                </span>
                <button
                  type="button"
                  className="rounded px-2 py-0.5 text-sky-200 underline hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
                  onClick={() => {
                    setEmail(account.email);
                    if (demo.password) setPassword(demo.password);
                    passwordRef.current?.focus();
                  }}
                >
                  Use {account.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
