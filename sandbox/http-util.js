// Small HTTP helpers shared by the sandbox service and router (node:http only, no framework).

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

const MAX_BODY = 64 * 1024;

/** Reads a small JSON body; rejects with a status-carrying error so handlers can answer 400/413. */
export function readJson(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error("request body too large"), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text.trim()) return resolve({});
      try {
        const value = JSON.parse(text);
        if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
        resolve(value);
      } catch {
        reject(Object.assign(new Error("body must be a JSON object"), { status: 400 }));
      }
    });
    req.on("error", reject);
  });
}

/** Bearer-token check for /admin routes; open when no token is configured (local rehearsal default). */
export function adminAllowed(req, token) {
  if (!token) return true;
  return req.headers.authorization === `Bearer ${token}`;
}

export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}

/** Validates fault settings from an admin request or env; returns a normalised copy or throws (status 400). */
export function validateFaults(input, current = { errorRate: 0, latencyMs: 0 }) {
  const out = { ...current };
  for (const [key, max] of [["errorRate", 100], ["latencyMs", 60_000]]) {
    if (input[key] === undefined) continue;
    const n = Number(input[key]);
    if (typeof input[key] === "boolean" || !Number.isFinite(n) || n < 0 || n > max) {
      throw Object.assign(new Error(`${key} must be a number between 0 and ${max}`), { status: 400 });
    }
    out[key] = n;
  }
  return out;
}
