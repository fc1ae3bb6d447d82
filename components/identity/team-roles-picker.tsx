"use client";
import { useId, useState } from "react";
import { inputClass } from "./field";
import { FieldErrors } from "@/components/ui/field-errors";

/** Team roles: tick names from the current plans' rosters, or type others (comma separated). */
export function TeamRolesPicker({ roster, value, onChange, errors }: { roster: string[]; value: string[]; onChange: (roles: string[]) => void; errors?: string[] }) {
  const id = useId();
  const lower = new Set(roster.map((r) => r.toLowerCase()));
  const picked = new Set(value.map((v) => v.toLowerCase()));
  const [other, setOther] = useState(() => value.filter((v) => !lower.has(v.toLowerCase())).join(", "));

  const emit = (rosterPicked: string[], otherText: string) => {
    const others = otherText.split(",").map((s) => s.trim()).filter(Boolean);
    onChange([...rosterPicked, ...others]);
  };
  const rosterPicked = roster.filter((r) => picked.has(r.toLowerCase()));

  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-200">Team roles</legend>
      {roster.length ? (
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {roster.map((role) => (
            <label key={role} className="inline-flex items-center gap-2 text-sm text-slate-200">
              <input
                type="checkbox"
                className="h-4 w-4 accent-sky-500"
                checked={picked.has(role.toLowerCase())}
                onChange={(e) => emit(e.target.checked ? [...rosterPicked, role] : rosterPicked.filter((r) => r !== role), other)}
              />
              {role}
            </label>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-400">No plan roster yet: type the role names.</p>
      )}
      <div>
        <label htmlFor={`${id}-other`} className="block text-sm text-slate-300">
          Other team roles (comma separated)
        </label>
        <input
          id={`${id}-other`}
          className={`${inputClass} border-slate-600`}
          value={other}
          onChange={(e) => {
            setOther(e.target.value);
            emit(rosterPicked, e.target.value);
          }}
        />
      </div>
      <FieldErrors fieldId={id} errors={errors} className="" />
    </fieldset>
  );
}
