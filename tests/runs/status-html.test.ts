import { describe, expect, it } from "vitest";
import { renderMarkdown, statusDocument } from "@/server/runs/status-html";

describe("status page HTML", () => {
  it("renders Markdown but never raw HTML or script links", () => {
    const html = renderMarkdown('**Done** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.com)');
    expect(html).toContain("<strong>Done</strong>");
    expect(html).not.toMatch(/<script|<img|onerror|javascript:/i);
    expect(html).toContain('href="https://example.com/"');
  });

  it("escapes the title and names no internals", () => {
    const doc = statusDocument({
      slug: "s-1", title: "<b>Release</b>", state: "deploying", label: "Deploying", sentence: "We are deploying.", symbol: "▶", phaseName: "Deployment Day", percentDone: 40,
      scheduledStart: null, startedAt: "2025-06-15T00:30:00.000Z", expectedEnd: "2025-06-15T03:30:00.000Z", endedAt: null, timezone: "Europe/London", maintenanceNotice: false, updates: [],
    });
    expect(doc).toContain("&lt;b&gt;Release&lt;/b&gt;");
    expect(doc).toContain('data-testid="status-percent">40%');
    expect(doc).toContain("15 Jun 2025, 01:30 BST");
    expect(doc).not.toContain("Scheduled maintenance in progress");
  });

  it("shows the maintenance banner while the notice is on", () => {
    const doc = statusDocument({
      slug: "s-2", title: "Release", state: "deploying", label: "Deploying", sentence: "We are deploying.", symbol: "▶", phaseName: null, percentDone: 10,
      scheduledStart: null, startedAt: null, expectedEnd: null, endedAt: null, timezone: "UTC", maintenanceNotice: true, updates: [],
    });
    expect(doc).toMatch(/data-testid="maintenance-notice"[^>]*>.*Scheduled maintenance in progress/s);
  });
});
