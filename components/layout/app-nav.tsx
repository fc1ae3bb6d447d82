import Link from "next/link";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/identity/sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";

const LINKS: Array<{ href: string; label: string; permission: Permission }> = [
  { href: "/plans", label: "Plans", permission: "plans.read" },
  { href: "/runs", label: "Runs", permission: "runs.read" },
  { href: "/my-tasks", label: "My tasks", permission: "tasks.start" },
  { href: "/sandbox", label: "Sandbox", permission: "sandbox.manage" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/settings/tokens", label: "API tokens", permission: "tokens.manage" },
];

/** Top navigation; links follow the permission table (the server still checks every page and action). */
export function AppNav({ actor }: { actor: Actor }) {
  return (
    <header className="border-b border-slate-800 bg-slate-950">
      <nav aria-label="Main" className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-1 px-4 py-2">
        <Link href="/" className="mr-4 text-lg font-bold tracking-tight text-sky-300">
          Flightdeck
        </Link>
        {LINKS.filter((link) => can(actor, link.permission)).map((link) => (
          <Link key={link.href} href={link.href} className="rounded px-3 py-1.5 text-sm text-slate-200 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
            {link.label}
          </Link>
        ))}
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-300">
          {actor.kind === "user" && can(actor, "notifications.read") ? <NotificationBell userId={actor.id} /> : null}
          <span>
            <span className="font-medium text-slate-100">{actor.name}</span> · {actor.productRole}
            {actor.teamRoles.length ? ` · ${actor.teamRoles.join(", ")}` : ""}
          </span>
          <SignOutButton />
        </div>
      </nav>
    </header>
  );
}
