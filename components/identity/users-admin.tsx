"use client";
import { Fragment, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/table";
import { PRODUCT_ROLES } from "@/lib/auth/permissions";
import type { TUserView } from "@/lib/auth/user-view";
import { api, ApiError } from "./api";
import { Field, inputClass } from "./field";
import { TeamRolesPicker } from "./team-roles-picker";
import { FieldErrors } from "@/components/ui/field-errors";

/** A user row as the admin screen shows it: the server's user view. */
export type UserRow = TUserView;

function fieldsOf(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fields : {};
}

function RoleSelect({ id, value, onChange, errors }: { id: string; value: string; onChange: (v: string) => void; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-200">
        Product role
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={clsx(inputClass, errors?.length ? "border-rose-500" : "border-slate-600")}
      >
        {PRODUCT_ROLES.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      <FieldErrors fieldId={id} errors={errors} />
    </div>
  );
}

function CreateUserForm({ roster, onCreated }: { roster: string[]; onCreated: (user: UserRow, generatedPassword: string | null) => void }) {
  const empty = { email: "", name: "", productRole: "engineer", teamRoles: [] as string[], password: "" };
  const [values, setValues] = useState(empty);
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: () => api<{ user: UserRow; generatedPassword: string | null }>("/api/v1/users", { method: "POST", body: values }),
    onSuccess: ({ user, generatedPassword }) => {
      onCreated(user, generatedPassword);
      setValues(empty);
      setFormKey((k) => k + 1);
    },
  });
  const fields = fieldsOf(create.error);
  const teamRoleErrors = Object.entries(fields)
    .filter(([k]) => k.startsWith("teamRoles"))
    .flatMap(([, v]) => v);
  return (
    <form
      key={formKey}
      noValidate
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      {create.error && !Object.keys(fields).length ? (
        <p role="alert" className="md:col-span-2 text-rose-300">
          <span aria-hidden="true">✕ </span>
          {(create.error as Error).message}
        </p>
      ) : null}
      <Field id="new-user-email" label="Email" type="email" autoComplete="off" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} errors={fields.email} />
      <Field id="new-user-name" label="Name" autoComplete="off" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} errors={fields.name} />
      <RoleSelect id="new-user-role" value={values.productRole} onChange={(productRole) => setValues({ ...values, productRole })} errors={fields.productRole} />
      <Field
        id="new-user-password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to generate one (shown once after creating)."
        value={values.password}
        onChange={(e) => setValues({ ...values, password: e.target.value })}
        errors={fields.password}
      />
      <div className="md:col-span-2">
        <TeamRolesPicker roster={roster} value={values.teamRoles} onChange={(teamRoles) => setValues({ ...values, teamRoles })} errors={teamRoleErrors} />
      </div>
      <div className="md:col-span-2">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}

function EditUserForm({ user, roster, onDone }: { user: UserRow; roster: string[]; onDone: (message: string | null) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ name: user.name, productRole: user.productRole, teamRoles: user.teamRoles });
  const save = useMutation({
    mutationFn: () => api<UserRow>(`/api/v1/users/${user.id}`, { method: "PATCH", body: { version: user.version, ...values } }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ["users"] });
      onDone(`Saved ${updated.name}.`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "conflict") void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const fields = fieldsOf(save.error);
  return (
    <form
      noValidate
      aria-label={`Edit ${user.name}`}
      className="grid gap-4 rounded-md border border-slate-700 bg-slate-900 p-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.error && (!Object.keys(fields).length || fields._) ? (
        <p role="alert" className="md:col-span-2 text-rose-300">
          <span aria-hidden="true">✕ </span>
          {(save.error as Error).message}
        </p>
      ) : null}
      <Field id={`edit-${user.id}-name`} label="Name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} errors={fields.name} />
      <RoleSelect id={`edit-${user.id}-role`} value={values.productRole} onChange={(productRole) => setValues({ ...values, productRole })} errors={fields.productRole} />
      <div className="md:col-span-2">
        <TeamRolesPicker
          roster={roster}
          value={values.teamRoles}
          onChange={(teamRoles) => setValues({ ...values, teamRoles })}
          errors={Object.entries(fields)
            .filter(([k]) => k.startsWith("teamRoles"))
            .flatMap(([, v]) => v)}
        />
      </div>
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function UsersAdmin({ initialUsers, roster, currentUserId }: { initialUsers: UserRow[]; roster: string[]; currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api<UserRow[]>("/api/v1/users"), initialData: initialUsers });
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  const setActive = useMutation({
    mutationFn: (user: UserRow) => api<UserRow>(`/api/v1/users/${user.id}/${user.active ? "deactivate" : "reactivate"}`, { method: "POST", body: { version: user.version } }),
    onSuccess: (user) => {
      setStatus({ tone: "ok", text: `${user.name} is now ${user.active ? "active" : "deactivated"}.` });
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (error) => {
      setStatus({ tone: "error", text: (error as Error).message });
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });

  const rows = users.data ?? [];
  return (
    <div className="space-y-6">
      <Card title="Create a user" id="create-user">
        <CreateUserForm
          roster={roster}
          onCreated={(user, generatedPassword) => {
            setStatus({ tone: "ok", text: `Created ${user.name} (${user.email}).` });
            setCreated(generatedPassword ? { email: user.email, password: generatedPassword } : null);
            void queryClient.invalidateQueries({ queryKey: ["users"] });
          }}
        />
        {created ? (
          <div role="status" className="mt-4 rounded-md border border-emerald-700 bg-emerald-950 p-4">
            <p className="font-semibold text-emerald-100">
              <span aria-hidden="true">✓ </span>Generated password for {created.email} — give it to them now; it will not be shown again.
            </p>
            <label htmlFor="generated-password" className="mt-2 block text-sm text-emerald-200">
              Generated password
            </label>
            <div className="mt-1 flex gap-2">
              <input id="generated-password" readOnly value={created.password} className="min-w-72 rounded-md border border-emerald-700 bg-slate-950 px-3 py-2 font-mono text-slate-100" />
              <Button type="button" variant="ghost" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </div>
        ) : null}
      </Card>

      <Card title={`Users (${rows.length})`} id="user-list">
        {status ? (
          <p role={status.tone === "error" ? "alert" : "status"} className={clsx("mb-3", status.tone === "error" ? "text-rose-300" : "text-emerald-200")}>
            <span aria-hidden="true">{status.tone === "error" ? "✕ " : "✓ "}</span>
            {status.text}
          </p>
        ) : null}
        {users.isError ? (
          <p role="alert" className="text-rose-300">
            Could not load users: {(users.error as Error).message}
          </p>
        ) : rows.length === 0 ? (
          <EmptyState title="No users" />
        ) : (
          <DataTable caption="Users" headers={["Name", "Email", "Product role", "Team roles", "State", <span key="a" className="sr-only">Actions</span>]}>
            {rows.map((user) => (
              <Fragment key={user.id}>
                <tr>
                  <Td className="font-medium">
                    {user.name}
                    {user.id === currentUserId ? <span className="text-slate-400"> (you)</span> : null}
                  </Td>
                  <Td>{user.email}</Td>
                  <Td>{user.productRole}</Td>
                  <Td>{user.teamRoles.length ? user.teamRoles.join(", ") : <span className="text-slate-400">none</span>}</Td>
                  <Td>
                    {user.active ? (
                      <Badge tone="success" symbol="●">
                        Active
                      </Badge>
                    ) : (
                      <Badge tone="neutral" symbol="⊘">
                        Deactivated
                      </Badge>
                    )}
                    {user.isDemo ? <Badge className="ml-1">demo</Badge> : null}
                    {user.oidcLinked ? <Badge className="ml-1">SSO</Badge> : null}
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-2">
                      <Button aria-expanded={editing === user.id} aria-label={`Edit ${user.name}`} onClick={() => setEditing(editing === user.id ? null : user.id)}>
                        Edit
                      </Button>
                      {user.id === currentUserId ? null : (
                        <Button
                          variant={user.active ? "danger" : "secondary"}
                          disabled={setActive.isPending}
                          aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
                          onClick={() => {
                            if (!user.active || window.confirm(`Deactivate ${user.name}? Their sessions and API tokens stop working at once.`)) setActive.mutate(user);
                          }}
                        >
                          {user.active ? "Deactivate" : "Reactivate"}
                        </Button>
                      )}
                    </div>
                  </Td>
                </tr>
                {editing === user.id ? (
                  <tr>
                    <td colSpan={6} className="px-3 pb-4">
                      <EditUserForm
                        key={user.version}
                        user={user}
                        roster={roster}
                        onDone={(message) => {
                          setEditing(null);
                          if (message) setStatus({ tone: "ok", text: message });
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
