"use client";
import { useEffect, useState } from "react";

/** The current time, ticking every `intervalMs`; null until mounted so server and client render alike. */
export function useNow(intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

export function formatClock(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(11, 19);
  }
}

export function formatTime(iso: string | null, timeZone: string, withDate = false): string {
  if (!iso) return "—";
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hour12: false, ...(withDate ? { day: "2-digit", month: "short" } : {}) }).format(new Date(iso));
  } catch {
    return iso;
  }
}
