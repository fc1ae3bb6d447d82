// Steady synthetic traffic through the router, so canary metrics have data to judge even when no
// person is clicking. Fires on a fixed schedule (open model) rather than waiting for replies, so a slow
// green shows up as latency in the metrics instead of silently lowering the request rate.
import http from "node:http";

const PATHS = ["/api/learners?limit=5", "/api/learners/:id", "/api/stats", "/version"];
const MAX_IN_FLIGHT = 100;

export function startLoadGenerator({ targetUrl, rps = 20, timeoutMs = 5000 }) {
  const stats = { rps, sent: 0, ok: 0, failed: 0, skipped: 0, inFlight: 0 };
  if (!rps || rps <= 0) return { stats, stop: async () => {} };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let n = 0;

  function fire() {
    // Back-pressure cap: if the router stops answering, don't pile up sockets without bound.
    if (stats.inFlight >= MAX_IN_FLIGHT) {
      stats.skipped++;
      return;
    }
    const path = PATHS[n % PATHS.length].replace(":id", String((n % 50) + 1));
    n++;
    stats.sent++;
    stats.inFlight++;
    let done = false;
    const finish = (ok) => {
      if (done) return;
      done = true;
      stats.inFlight--;
      if (ok) stats.ok++;
      else stats.failed++;
    };
    const req = http.get(new URL(path, targetUrl), { agent, timeout: timeoutMs, headers: { "user-agent": "flightdeck-sandbox-loadgen" } }, (res) => {
      res.resume();
      res.on("end", () => finish(res.statusCode < 500));
      res.on("error", () => finish(false));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => finish(false));
  }

  const timer = setInterval(fire, Math.max(1, Math.round(1000 / rps)));
  return {
    stats,
    async stop() {
      clearInterval(timer);
      agent.destroy();
    },
  };
}
