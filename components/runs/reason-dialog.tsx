"use client";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** A confirm step with an optional required reason; native <dialog> for focus trapping and Escape. */
export function ReasonDialog({
  open,
  title,
  description,
  confirmLabel,
  needsReason,
  danger,
  reasonLabel = "Reason (recorded in the audit log)",
  onConfirm,
  onClose,
}: {
  reasonLabel?: string;
  open: boolean;
  title: string;
  description?: string;
  confirmLabel: string;
  needsReason: boolean;
  danger?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setReason("");
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} className="m-auto w-full max-w-lg rounded-lg border border-slate-700 bg-slate-900 p-5 text-slate-100 backdrop:bg-black/70">
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (needsReason && reason.trim().length < 3) {
            setError("Say why in a few words (at least 3 characters).");
            return;
          }
          onConfirm(reason.trim());
          onClose();
        }}
      >
        <h2 id={`${id}-title`} className="text-xl font-semibold">
          {title}
        </h2>
        {description ? <p className="mt-2 text-slate-300">{description}</p> : null}
        {needsReason ? (
          <div className="mt-4">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
              {reasonLabel}
            </label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              aria-invalid={!!error}
              aria-describedby={error ? `${id}-error` : undefined}
              className="mt-1 w-full rounded border border-slate-600 bg-slate-950 p-2 text-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
            />
            {error ? (
              <p id={`${id}-error`} className="mt-1 text-sm text-rose-300">
                {error}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
