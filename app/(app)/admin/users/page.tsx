import { UsersAdmin } from "@/components/identity/users-admin";
import { requirePagePermission } from "@/server/auth/session";
import { listUsers, rosterRoleNames } from "@/server/identity/queries";

export const metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const actor = await requirePagePermission("users.manage", "/admin/users");
  const [users, roster] = await Promise.all([listUsers(), rosterRoleNames()]);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold">Users</h1>
      <p className="text-slate-300">
        The product role decides what someone may do; team roles (from the plans&apos; rosters) decide which tasks they own. Changes apply at once, also to open sessions and API tokens.
      </p>
      <UsersAdmin initialUsers={users} roster={roster} currentUserId={actor.id} />
    </div>
  );
}
