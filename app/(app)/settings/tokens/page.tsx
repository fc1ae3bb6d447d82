import { TokensPanel } from "@/components/identity/tokens-panel";
import { requirePagePermission } from "@/server/auth/session";
import { listTokens } from "@/server/identity/queries";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePagePermission("tokens.manage", "/settings/tokens");
  const tokens = await listTokens(actor.id);
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <h1 className="text-3xl font-semibold">API tokens</h1>
      <p className="text-slate-300">
        Personal tokens let scripts and CI call the Flightdeck API as you, with your role ({actor.productRole}). Each is shown once; Flightdeck keeps only a fingerprint.
      </p>
      <TokensPanel initialTokens={tokens} />
    </div>
  );
}
