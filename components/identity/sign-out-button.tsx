"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";

/** Signs out through next-auth's CSRF-protected POST (which records auth.logout), then shows the login page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // A full page load afterwards, so nothing of the signed-in session stays in client memory.
        await signOut({ callbackUrl: "/login" });
      }}
      className="rounded px-2 py-1 text-slate-200 ring-1 ring-slate-600 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400 disabled:opacity-60"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
