"use client";
import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/table";
import { api, ApiError, formatWhen } from "./api";
import { Field } from "./field";

export type TokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
type Created = TokenRow & { token: string };

export function TokensPanel({ initialTokens }: { initialTokens: TokenRow[] }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api<TokenRow[]>("/api/v1/tokens"), initialData: initialTokens });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const tokenRef = useRef<HTMLInputElement>(null);

  const create = useMutation({
    mutationFn: (tokenName: string) => api<Created>("/api/v1/tokens", { method: "POST", body: { name: tokenName } }),
    onSuccess: (token) => {
      setCreated(token);
      setCopied(false);
      setName("");
      setStatus(null);
      void queryClient.invalidateQueries({ queryKey: ["tokens"] });
      setTimeout(() => tokenRef.current?.select(), 0);
    },
  });
  const revoke = useMutation({
    mutationFn: (token: TokenRow) => api<{ id: string }>(`/api/v1/tokens/${token.id}`, { method: "DELETE" }),
    onSuccess: (_data, token) => {
      setStatus(`Revoked “${token.name}”. Anything using it now gets 401.`);
      void queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
    onError: (error) => setStatus(error instanceof ApiError ? error.message : "Could not revoke the token."),
  });

  const createErrors = create.error instanceof ApiError ? create.error.fields : {};
  const createMessage = create.error && !(create.error instanceof ApiError && Object.keys(createErrors).length) ? (create.error as Error).message : null;
  const rows = tokens.data ?? [];

  return (
    <div className="space-y-6">
      <Card title="Create a token" id="create-token">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(name);
          }}
        >
          <div className="min-w-64 flex-1">
            <Field id="token-name" label="Token name" hint="What will use it, e.g. “CI pipeline”." value={name} onChange={(e) => setName(e.target.value)} errors={createErrors.name} maxLength={80} />
          </div>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </Button>
        </form>
        {createMessage ? (
          <p role="alert" className="mt-3 text-rose-300">
            <span aria-hidden="true">✕ </span>
            {createMessage}
          </p>
        ) : null}
        {created ? (
          <div role="status" className="mt-4 rounded-md border border-emerald-700 bg-emerald-950 p-4">
            <p className="font-semibold text-emerald-100">
              <span aria-hidden="true">✓ </span>Token “{created.name}” created. Copy it now: it will not be shown again.
            </p>
            <label htmlFor="new-token" className="mt-2 block text-sm text-emerald-200">
              Your new token
            </label>
            <div className="mt-1 flex flex-wrap gap-2">
              <input id="new-token" ref={tokenRef} readOnly value={created.token} className="min-w-80 flex-1 rounded-md border border-emerald-700 bg-slate-950 px-3 py-2 font-mono text-sm text-slate-100" />
              <Button
                type="button"
                onClick={async () => {
                  await navigator.clipboard?.writeText(created.token).catch(() => {});
                  setCopied(true);
                }}
              >
                {copied ? "Copied" : "Copy"}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
            <p className="mt-2 text-sm text-slate-300">
              Use it as <code className="rounded bg-slate-800 px-1">Authorization: Bearer {created.prefix}…</code>. It acts with your role&apos;s permissions.
            </p>
          </div>
        ) : null}
      </Card>

      <Card title="Your tokens" id="token-list">
        {status ? (
          <p role="status" className="mb-3 text-slate-200">
            {status}
          </p>
        ) : null}
        {tokens.isError ? (
          <p role="alert" className="text-rose-300">
            Could not load your tokens: {(tokens.error as Error).message}
          </p>
        ) : rows.length === 0 ? (
          <EmptyState title="No tokens yet">Create one above to call the API from scripts or CI.</EmptyState>
        ) : (
          <DataTable caption="Your API tokens" headers={["Name", "Token", "Created", "Last used", "State", <span key="a" className="sr-only">Actions</span>]}>
            {rows.map((token) => (
              <tr key={token.id}>
                <Td className="font-medium">{token.name}</Td>
                <Td className="font-mono">{token.prefix}…</Td>
                <Td>{formatWhen(token.createdAt)}</Td>
                <Td>{formatWhen(token.lastUsedAt)}</Td>
                <Td>
                  {token.revokedAt ? (
                    <Badge tone="neutral" symbol="⊘">
                      Revoked {formatWhen(token.revokedAt)}
                    </Badge>
                  ) : (
                    <Badge tone="success" symbol="●">
                      Active
                    </Badge>
                  )}
                </Td>
                <Td>
                  {token.revokedAt ? null : (
                    <Button
                      variant="danger"
                      disabled={revoke.isPending}
                      aria-label={`Revoke token ${token.name}`}
                      onClick={() => {
                        if (window.confirm(`Revoke “${token.name}”? Anything using it stops working at once.`)) revoke.mutate(token);
                      }}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
