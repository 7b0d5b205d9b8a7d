// rasa-socketio-jwt key generator, generated from src/keygen/ by scripts/bundle-minter.mjs: do not edit.

// src/keygen/run.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/settings/errors.ts
var RasaSocketioJwtError = class extends Error {
  /** A stable identifier of the kind of failure. */
  code = "ERR_RASA_SOCKETIO_JWT";
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
};

// src/minter/errors.ts
var MintError = class extends RasaSocketioJwtError {
  /** What went wrong, stable across releases: switch on this, not on the message. */
  code;
  constructor(code, message) {
    super(message);
    this.code = code;
  }
};

// src/minter/fingerprint.ts
import { createHash } from "node:crypto";
function keyFingerprint(key) {
  return createHash("sha256").update("rasa-socketio-jwt key fingerprint\0").update(key).digest("hex").slice(0, 16);
}

// src/minter/kube/retry.ts
var DEFAULT_RETRY_POLICY = {
  attempts: 6,
  baseMs: 500,
  capMs: 1e4,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random
};
var RetriesExhausted = class extends Error {
  constructor(attempts, lastReason) {
    super(`gave up after ${attempts} attempts; last: ${lastReason}`);
    this.attempts = attempts;
    this.lastReason = lastReason;
  }
  attempts;
  lastReason;
};
async function withRetries(attempt, policy, onRetry = () => {
}) {
  let lastReason = "";
  for (let n = 1; n <= policy.attempts; n++) {
    const outcome = await attempt(n);
    if ("done" in outcome) return outcome.done;
    if ("fail" in outcome) throw outcome.fail;
    lastReason = outcome.retry;
    if (n === policy.attempts) break;
    const backoff = policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
    const delay = Math.min(policy.capMs, outcome.retryAfterMs ?? backoff);
    onRetry(outcome.retry, delay, n);
    await policy.sleep(delay);
  }
  throw new RetriesExhausted(policy.attempts, lastReason);
}

// src/minter/kube/program.ts
var PROGRAM_EXIT = { OK: 0, INVALID: 2, WRITE_FAILED: 3 };
async function runProgram(log, body) {
  try {
    await body();
    return PROGRAM_EXIT.OK;
  } catch (error) {
    const code = error.code ?? "";
    log(`error: ${error.message}`);
    return code.startsWith("ERR_MINT_") || error instanceof SyntaxError ? PROGRAM_EXIT.INVALID : PROGRAM_EXIT.WRITE_FAILED;
  }
}
function requestOptions(env, prefix, log) {
  return {
    log,
    policy: { ...DEFAULT_RETRY_POLICY, attempts: positive(env, `${prefix}_MAX_ATTEMPTS`, DEFAULT_RETRY_POLICY.attempts) },
    timeoutMs: positive(env, `${prefix}_REQUEST_TIMEOUT_MS`, 15e3)
  };
}
function positive(env, name, fallback) {
  const text = env[name];
  if (text === void 0 || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new MintError("ERR_MINT_INPUT", `${name} (${text}) must be a whole number of at least 1`);
  }
  return value;
}

// src/minter/kube/service-account.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
var SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
function inClusterConnection(env, program, dir = SERVICE_ACCOUNT_DIR) {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new Error(`KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: the ${program} runs inside a pod`);
  }
  const read = (name) => {
    try {
      return readFileSync(join(dir, name), "utf8");
    } catch (error) {
      throw new Error(`cannot read the service account's ${name} in ${dir} (${error.code}): the ${program} pod needs its service account token mounted`, { cause: error });
    }
  };
  const namespace = read("namespace").trim();
  const token = () => read("token").trim();
  token();
  const server = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return { conn: { server, ca: read("ca.crt"), token, identity: `the ${program}'s service account in ${namespace}` }, namespace };
}

// src/settings/merge.ts
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/settings/claims.ts
var DEFAULT_CLAIMS = Object.freeze({ sender_id: "rasa-chat-widget" });
function eachClaim(names, rule) {
  return {
    scope: names.map((name) => `{where}.${name}`).join(", "),
    items: ({ claims, where }) => isPlainObject(claims) ? names.filter((name) => name in claims).map((claim) => ({ claims, where, claim })) : [],
    rules: [rule]
  };
}
var CLAIM_RULES = [
  {
    id: "claimsNotAMap",
    paths: ["{where}"],
    message: "'%s' must be a map of claims (got %s)",
    check: (c) => !isPlainObject(c.claims) && [c.where, JSON.stringify(c.claims)]
  },
  {
    id: "claimsEmpty",
    paths: ["{where}"],
    message: "'%s' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id",
    check: (c) => isPlainObject(c.claims) && Object.keys(c.claims).length === 0 && [c.where]
  },
  {
    id: "claimsAudience",
    paths: ["{where}.aud"],
    message: "'%s.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one",
    check: (c) => isPlainObject(c.claims) && "aud" in c.claims && [c.where]
  },
  eachClaim(["sub", "jti"], {
    id: "claimNotAString",
    paths: ["{where}.sub", "{where}.jti"],
    message: "'%s.%s' must be a string (got %s): PyJWT 2.10 and later refuse any other",
    check: (c) => typeof c.claims[c.claim] !== "string" && [c.where, c.claim, JSON.stringify(c.claims[c.claim])]
  }),
  {
    id: "claimsExpiry",
    paths: ["{where}.exp"],
    message: "'%s.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp",
    check: (c) => isPlainObject(c.claims) && "exp" in c.claims && [c.where]
  },
  eachClaim(["iat", "nbf"], {
    id: "claimsIssuedOrNotBefore",
    paths: ["{where}.iat", "{where}.nbf"],
    message: "'%[1]s.%[2]s' is not allowed: the minter leaves %[2]s out, since a value ahead of Rasa's clock makes Rasa refuse the token",
    check: (c) => [c.where, c.claim]
  })
];

// src/settings/lifetime.ts
var MAX_LIFETIME_SECONDS = 10 * 365 * 86400;
var REMINT_FRACTION = 4;
var SHORTEST_REMINTED_LIFETIME_SECONDS = REMINT_FRACTION * 60;

// src/settings/rules.ts
var KEY_BYTES_FOR = { HS256: 32, HS384: 48, HS512: 64 };
var MIN_KEY_BYTES = KEY_BYTES_FOR.HS256;

// src/minter/kube/request.ts
import { request as httpsRequest } from "node:https";
function kubeRequest(conn, req) {
  const url = new URL(req.path, conn.server);
  const headers = { Accept: req.accept ?? "application/json", ...conn.headers };
  const token = conn.token?.();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (req.body !== void 0) {
    headers["Content-Type"] = req.contentType ?? "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(req.body));
  }
  return new Promise((resolve, reject) => {
    const call = httpsRequest(url, {
      method: req.method,
      headers,
      ca: conn.ca,
      cert: conn.cert,
      key: conn.key,
      timeout: req.timeoutMs
    }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    call.on("timeout", () => call.destroy(Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { code: "ETIMEDOUT" })));
    call.on("error", reject);
    call.end(req.body);
  });
}

// src/minter/kube/status.ts
function apiMessage(res) {
  try {
    const status = JSON.parse(res.body);
    if (status.message) return status.message;
  } catch {
  }
  return res.body.slice(0, 200) || "no message";
}
function retryAfterMs(res) {
  const header = res.headers["retry-after"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === void 0) return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1e3;
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - Date.now());
}

// src/minter/kube/apply-configmap.ts
var FIELD_MANAGER = "rasa-socketio-jwt-minter";

// src/keygen/ensure-secret.ts
async function ensureKeySecret(conn, target, newKey, opts = {}) {
  const where = `Secret ${target.namespace}/${target.name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/secrets/${encodeURIComponent(target.name)}`;
  const timeoutMs = opts.timeoutMs ?? 15e3;
  const attempt = async () => {
    let res;
    try {
      res = await kubeRequest(conn, { method: "GET", path, timeoutMs });
      if (res.status === 200) return checkExisting(res, target, where);
      if (res.status !== 404) return classify(res, conn, target, where);
      res = await kubeRequest(conn, {
        method: "PATCH",
        path: `${path}?fieldManager=${FIELD_MANAGER}`,
        contentType: "application/apply-patch+yaml",
        body: JSON.stringify({
          apiVersion: "v1",
          kind: "Secret",
          type: "Opaque",
          metadata: { name: target.name, namespace: target.namespace, labels: target.labels },
          stringData: { [target.key]: newKey() }
        }),
        timeoutMs
      });
    } catch (error) {
      return { retry: `cannot reach ${conn.server}: ${error.code ?? error.message}` };
    }
    if (res.status === 200 || res.status === 201) return { done: "created" };
    return classify(res, conn, target, where);
  };
  try {
    return await withRetries(
      attempt,
      opts.policy ?? DEFAULT_RETRY_POLICY,
      (reason, delay, n) => opts.log?.(`attempt ${n} on ${where} failed (${reason}); retrying in ${Math.round(delay)} ms`)
    );
  } catch (error) {
    if (error instanceof RetriesExhausted) throw new MintError("ERR_WRITE_FAILED", `could not ensure ${where}: ${error.message}`);
    throw error;
  }
}
function checkExisting(res, target, where) {
  const secret = JSON.parse(res.body);
  const value = secret.data?.[target.key];
  const bytes = value === void 0 ? 0 : Buffer.from(value, "base64").length;
  if (bytes >= target.minBytes) return { done: "kept" };
  return {
    fail: new MintError("ERR_MINT_KEY", value === void 0 ? `${where} exists without the key "${target.key}": add it (at least ${target.minBytes} bytes), or name another Secret` : `${where} holds a key of ${bytes} bytes under "${target.key}": replace it with one of at least ${target.minBytes} bytes`)
  };
}
function classify(res, conn, target, where) {
  const message = apiMessage(res);
  if (res.status === 401) return { fail: new MintError("ERR_WRITE_UNAUTHORIZED", `401 Unauthorized on ${where}: the API server refused the credentials of ${conn.identity} (${message})`) };
  if (res.status === 403) {
    return {
      fail: new MintError("ERR_WRITE_FORBIDDEN", `403 Forbidden on ${where}: ${conn.identity} lacks the permission (${message}); its Role must grant get, patch and create on secrets with resourceNames ["${target.name}"] in namespace ${target.namespace}`)
    };
  }
  if (res.status === 409 || res.status === 429 || res.status >= 500) return { retry: `${res.status} ${message}`, retryAfterMs: retryAfterMs(res) };
  return { fail: new MintError("ERR_WRITE_REJECTED", `${res.status} on ${where}: ${message}`) };
}

// src/keygen/new-key.ts
import { randomBytes } from "node:crypto";
function newJwtKey() {
  return randomBytes(32).toString("hex");
}

// src/minter/key.ts
var METHODS = ["HS256", "HS384", "HS512"];
function checkMethod(method, where) {
  if (!METHODS.includes(method)) {
    throw new MintError(
      "ERR_MINT_METHOD",
      `'${where}' (${method}) is not supported: use ${METHODS.join(", ")}, the same as the channel's jwt_method`
    );
  }
  return method;
}

// src/keygen/input.ts
function parseKeygenInput(value) {
  const fail = (message) => {
    throw new MintError("ERR_MINT_INPUT", `keygen input: ${message}`);
  };
  if (!isPlainObject(value)) return fail("must be a JSON object");
  for (const field of ["secretName", "secretKey"]) {
    if (typeof value[field] !== "string" || value[field] === "") fail(`'${field}' must be a non-empty string`);
  }
  const labels = value.labels ?? {};
  if (!isPlainObject(labels) || Object.values(labels).some((v) => typeof v !== "string")) {
    fail("'labels' must map names to strings");
  }
  return {
    labels,
    method: checkMethod(String(value.method), "method"),
    secretKey: value.secretKey,
    secretName: value.secretName
  };
}

// src/keygen/run.ts
function runKeygen(opts) {
  return runProgram(opts.log, async () => {
    const inputPath = opts.argv[0];
    if (!inputPath) throw new MintError("ERR_MINT_INPUT", "usage: keygen.mjs <keygen.json>");
    const input = parseKeygenInput(JSON.parse(readFileSync2(inputPath, "utf8")));
    const { conn, namespace } = inClusterConnection(opts.env, "key generator", opts.env.KEYGEN_SERVICE_ACCOUNT_DIR || void 0);
    let fingerprint = "";
    const target = { namespace, name: input.secretName, key: input.secretKey, minBytes: KEY_BYTES_FOR[input.method], labels: input.labels };
    const outcome = await ensureKeySecret(conn, target, () => {
      const key = newJwtKey();
      fingerprint = keyFingerprint(new TextEncoder().encode(key));
      return key;
    }, requestOptions(opts.env, "KEYGEN", opts.log));
    opts.log(outcome === "created" ? `created Secret ${namespace}/${input.secretName} with a new key, fingerprint ${fingerprint}` : `kept the existing Secret ${namespace}/${input.secretName}`);
  });
}

// src/keygen/main.ts
process.exitCode = await runKeygen({
  argv: process.argv.slice(2),
  env: process.env,
  log: (line) => process.stdout.write(`keygen: ${line}
`)
});
