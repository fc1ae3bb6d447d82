"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field } from "./field";

type SetupResult = { ok: boolean; message?: string; fields?: Record<string, string[]> };

export function SetupForm({ submit }: { submit: (input: { email: string; name: string; password: string; confirm: string }) => Promise<SetupResult> }) {
  const [values, setValues] = useState({ email: "", name: "", password: "", confirm: "" });
  const [result, setResult] = useState<SetupResult | null>(null);
  const [pending, setPending] = useState(false);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const answer = await submit(values);
    setResult(answer);
    if (answer.ok) {
      const signedIn = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      window.location.assign(signedIn?.ok && !signedIn.error ? "/admin/users" : "/login?setup=done");
      return;
    }
    setPending(false);
  }

  const fields = result?.fields ?? {};
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {result && !result.ok ? (
        <p role="alert" className="rounded-md border border-rose-700 bg-rose-950 p-3 text-rose-100">
          <span aria-hidden="true">✕ </span>
          {result.message}
        </p>
      ) : null}
      <Field id="setup-name" label="Your name" autoComplete="name" autoFocus required value={values.name} onChange={set("name")} errors={fields.name} />
      <Field id="setup-email" label="Email" type="email" autoComplete="username" required value={values.email} onChange={set("email")} errors={fields.email} />
      <Field id="setup-password" label="Password" type="password" autoComplete="new-password" hint="At least 12 characters." required value={values.password} onChange={set("password")} errors={fields.password} />
      <Field id="setup-confirm" label="Repeat the password" type="password" autoComplete="new-password" required value={values.confirm} onChange={set("confirm")} errors={fields.confirm} />
      <Button type="submit" variant="primary" disabled={pending} className="w-full py-2.5 text-base">
        {pending ? "Creating…" : "Create admin account"}
      </Button>
    </form>
  );
}
