// The weighted router in front of blue and green. Traffic split uses smooth weighted round-robin (the
// nginx algorithm) instead of coin flips: with green at N%, every run of 100 consecutive requests sends
// exactly N to green, evenly interleaved. Canary analysis and tests then see the share they asked for.
//
// Reserved paths: /admin/* (control, JSON) and /metrics (Prometheus text). Everything else is proxied.
import http from "node:http";
import client from "prom-client";
import { HOST } from "./config.js";
import { adminAllowed, listen, readJson, sendJson } from "./http-util.js";

const COLORS = ["blue", "green"];
const PROXY_TIMEOUT_MS = 10_000;

export function createWeightedPicker(initialGreen = 0) {
  let green = initialGreen;
  let current = { blue: 0, green: 0 };
  return {
    get green() {
      return green;
    },
    set(weight) {
      green = weight;
      current = { blue: 0, green: 0 };
    },
    pick() {
      if (green <= 0) return "blue";
      if (green >= 100) return "green";
      const weights = { blue: 100 - green, green };
      current.blue += weights.blue;
      current.green += weights.green;
      const chosen = current.green > current.blue ? "green" : "blue";
      current[chosen] -= 100;
      return chosen;
    },
  };
}

/**
 * hooks: { deploy(body), undeploy(body), setFaults(color, body), status() } supplied by the supervisor;
 * backends: { blue: {url, version} | null, green: ... } mutated through setBackend().
 */
export async function createRouter({ port = 0, adminToken, hooks = {}, log = () => {} } = {}) {
  const registry = new client.Registry();
  const requests = new client.Counter({
    name: "sandbox_requests_total",
    help: "Requests proxied by the sandbox router, by colour (label version) and HTTP status",
    labelNames: ["version", "status"],
    registers: [registry],
  });
  const errors = new client.Counter({
    name: "sandbox_request_errors_total",
    help: "Proxied requests that failed (HTTP status >= 500 or no answer), by colour",
    labelNames: ["version"],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: "sandbox_request_duration_seconds",
    help: "Latency of proxied requests as seen by the router, by colour",
    labelNames: ["version"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const weightGauge = new client.Gauge({ name: "sandbox_green_weight", help: "Share of traffic (0-100) routed to green", registers: [registry] });
  const backendInfo = new client.Gauge({
    name: "sandbox_backend_info",
    help: "1 for each colour currently serving, labelled with its release version",
    labelNames: ["color", "release"],
    registers: [registry],
  });
  // Pre-create the series so a scraper sees zeros rather than absent series before the first request.
  for (const c of COLORS) {
    errors.labels(c).inc(0);
    duration.zero({ version: c });
  }
  weightGauge.set(0);

  const picker = createWeightedPicker(0);
  const backends = { blue: null, green: null };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  function setBackend(color, backend) {
    backends[color] = backend;
    backendInfo.reset();
    for (const c of COLORS) if (backends[c]) backendInfo.labels(c, backends[c].version).set(1);
  }

  function setWeight(green) {
    picker.set(green);
    weightGauge.set(green);
  }

  function proxy(req, res) {
    const color = picker.pick();
    const backend = backends[color];
    const end = duration.labels(color).startTimer();
    let recorded = false;
    const record = (status) => {
      if (recorded) return;
      recorded = true;
      end();
      requests.labels(color, String(status)).inc();
      if (status >= 500) errors.labels(color).inc();
    };
    if (!backend) {
      record(503);
      return sendJson(res, 503, { error: "no_backend", version: color }, { "x-sandbox-routed-to": color });
    }
    const target = new URL(req.url, backend.url);
    const headers = { ...req.headers, host: target.host, "x-forwarded-for": req.socket.remoteAddress };
    const upstream = http.request(target, { method: req.method, headers, agent, timeout: PROXY_TIMEOUT_MS }, (up) => {
      res.writeHead(up.statusCode, { ...up.headers, "x-sandbox-routed-to": color });
      up.pipe(res);
      up.on("end", () => record(up.statusCode));
      up.on("error", () => record(502));
    });
    upstream.on("timeout", () => upstream.destroy(Object.assign(new Error("upstream timeout"), { code: "ETIMEDOUT" })));
    upstream.on("error", (err) => {
      const status = err.code === "ETIMEDOUT" ? 504 : 502;
      record(status);
      if (!res.headersSent) sendJson(res, status, { error: "bad_gateway", version: color, detail: err.code ?? err.message }, { "x-sandbox-routed-to": color });
      else res.destroy();
    });
    req.pipe(upstream);
  }

  async function admin(req, res, url) {
    if (!adminAllowed(req, adminToken)) return sendJson(res, 401, { error: "admin token required (Authorization: Bearer ...)" });
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /admin/health":
        return sendJson(res, 200, { status: "ok" });
      case "GET /admin/weight":
        return sendJson(res, 200, { green: picker.green, blue: 100 - picker.green });
      case "PUT /admin/weight": {
        const body = await readJson(req);
        const n = body.green;
        if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 100) {
          return sendJson(res, 400, { error: `green must be an integer 0-100, got ${JSON.stringify(n)}` });
        }
        if (n > 0 && !backends.green) return sendJson(res, 409, { error: "green is not deployed; run deploy-green.sh first" });
        const previous = picker.green;
        setWeight(n);
        log(`router: green weight ${previous}% -> ${n}%`);
        hooks.onWeight?.(n);
        return sendJson(res, 200, { green: n, blue: 100 - n, previous });
      }
      case "GET /admin/status":
        return sendJson(res, 200, { weight: { green: picker.green, blue: 100 - picker.green }, backends, ...(hooks.status?.() ?? {}) });
      case "GET /admin/faults":
      case "PUT /admin/faults": {
        const body = req.method === "PUT" ? await readJson(req) : {};
        const color = body.color ?? url.searchParams.get("color") ?? "green";
        if (!COLORS.includes(color)) return sendJson(res, 400, { error: "color must be blue or green" });
        if (!hooks.setFaults) return sendJson(res, 501, { error: "fault control not available" });
        const result = await hooks.setFaults(color, req.method === "PUT" ? body : null);
        return sendJson(res, result.status ?? 200, result.body);
      }
      case "POST /admin/deploy":
      case "POST /admin/undeploy": {
        const body = await readJson(req);
        const hook = url.pathname === "/admin/deploy" ? hooks.deploy : hooks.undeploy;
        if (!hook) return sendJson(res, 501, { error: "deploy control not available" });
        if (body.color !== undefined && body.color !== "green") return sendJson(res, 400, { error: "only green can be deployed or undeployed; blue is the stable colour" });
        if (url.pathname === "/admin/deploy" && picker.green > 0 && !body.force) {
          return sendJson(res, 409, { error: `green is taking ${picker.green}% of traffic; roll back (weight 0) before redeploying it` });
        }
        if (url.pathname === "/admin/undeploy" && picker.green > 0) {
          return sendJson(res, 409, { error: `green is taking ${picker.green}% of traffic; set its weight to 0 first` });
        }
        const result = await hook(body);
        return sendJson(res, result.status ?? 200, result.body);
      }
      default:
        return sendJson(res, 404, { error: `no admin route ${route}` });
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://router");
    if (url.pathname === "/metrics") {
      registry
        .metrics()
        .then((text) => {
          res.writeHead(200, { "content-type": registry.contentType });
          res.end(text);
        })
        .catch((err) => sendJson(res, 500, { error: err.message }));
      return;
    }
    if (url.pathname === "/admin" || url.pathname.startsWith("/admin/")) {
      admin(req, res, url).catch((err) => {
        if (!res.headersSent) sendJson(res, err.status ?? 500, { error: err.message });
      });
      return;
    }
    proxy(req, res);
  });
  server.keepAliveTimeout = 5000;
  const boundPort = await listen(server, port, HOST);

  return {
    port: boundPort,
    url: `http://${HOST}:${boundPort}`,
    registry,
    setBackend,
    setWeight,
    get weight() {
      return picker.green;
    },
    async stop() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
      agent.destroy();
    },
  };
}
