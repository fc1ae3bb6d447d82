import Link from "next/link";
import { EmptyState } from "@/components/ui/card";

export default function PlanNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold text-white">Plan not found</h1>
      <EmptyState title="There is no such plan or version.">
        <Link href="/plans" className="text-sky-300 underline">
          Back to all plans
        </Link>
      </EmptyState>
    </div>
  );
}
