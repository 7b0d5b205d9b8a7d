// rasa-socketio-jwt demo page server, generated from src/demo/ by scripts/bundle-minter.mjs: do not edit.

// src/demo/main.ts
import { readFileSync } from "node:fs";

// src/settings/errors.ts
var RasaSocketioJwtError = class extends Error {
  /** A stable identifier of the kind of failure. */
  code = "ERR_RASA_SOCKETIO_JWT";
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
};

// src/settings/merge.ts
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/demo/input.ts
var DemoInputError = class extends RasaSocketioJwtError {
  code = "ERR_DEMO_INPUT";
};
function parseDemoInput(value) {
  const fail = (message) => {
    throw new DemoInputError(`demo input: ${message}`);
  };
  if (!isPlainObject(value)) return fail("must be a JSON object");
  for (const field of ["configMap", "namespace", "rasaService", "widget", "widgetsDir"]) {
    if (typeof value[field] !== "string" || value[field] === "") fail(`'${field}' must be a non-empty string`);
  }
  for (const field of ["port", "rasaServicePort"]) {
    const port = value[field];
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) fail(`'${field}' must be a port (1 to 65535)`);
  }
  return {
    configMap: value.configMap,
    namespace: value.namespace,
    port: value.port,
    rasaService: value.rasaService,
    rasaServicePort: value.rasaServicePort,
    widget: value.widget,
    widgetsDir: value.widgetsDir
  };
}

// src/demo/server.ts
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";

// src/demo/page.ts
var STYLE = `body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: #222; }
code, pre { font: 14px/1.4 ui-monospace, monospace; background: #f3f3f3; border-radius: 4px; }
code { padding: 0 .25rem; } pre { padding: .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.note { color: #555; font-size: 14px; }`;
function demoPage(input, files) {
  const widget = code(input.widget);
  const configMap = code(`${input.namespace}/${input.configMap}`);
  const forwardRasa = `kubectl -n ${input.namespace} port-forward service/${input.rasaService} ${input.rasaServicePort}`;
  if (files.snippet === void 0) {
    return page('<meta http-equiv="refresh" content="5">', `<h1>Chat with your bot</h1>
<p>There is no token for widget ${widget} yet: the minter Job writes it into ConfigMap ${configMap}
once the release is installed. This page reloads every 5 seconds.</p>
<p class="note">If it stays so, the minter Job's log says why (<code>kubectl -n ${escape(input.namespace)} get jobs</code> names the Job).</p>`);
  }
  const expiry = files.index === void 0 ? "" : files.index.expiresAt === null ? " It does not expire." : ` It expires at ${code(files.index.expiresAt)}.`;
  const url = files.index?.url;
  const connects = url === void 0 ? "" : `<p class="note">The widget connects to ${code(url)}${isLocal(url) ? `, where Rasa answers while you forward it: <code>${escape(forwardRasa)}</code>` : ""}.</p>`;
  return page("", `<h1>Chat with your bot</h1>
<p>Widget ${widget}, with the token the minter wrote into ConfigMap ${configMap}.${expiry}
A new token shows here within a minute or two of the minter writing it, without a restart.</p>
${connects}
${files.snippet}
<h2>Put it on your own page</h2>
<p>This is the snippet the page embeds; it carries the token, so it belongs on the pages of the site the token is for.</p>
<pre>${escape(files.snippet)}</pre>`);
}
function isLocal(url) {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
function page(head, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat with your bot</title>${head}<style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
function code(text) {
  return `<code>${escape(text)}</code>`;
}
function escape(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

// src/demo/server.ts
var snippetKey = (widget) => `${widget}.legacy.html`;
var INDEX_KEY = "index.json";
var HEADERS = {
  // The page carries a token: no cache keeps it, and no Referer takes the page's URL elsewhere.
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff"
};
function createDemoServer(input) {
  return createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://demo").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      send(response, 405, "text/plain; charset=utf-8", "only GET\n", { allow: "GET, HEAD" });
      return;
    }
    const answer = path === "/" ? pageResponse(input) : path === "/healthz" ? Promise.resolve([200, "ok\n"]) : path === "/readyz" ? readyResponse(input) : Promise.resolve([404, "not found\n"]);
    answer.then(
      ([status, body]) => send(response, status, path === "/" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8", body),
      (error) => send(response, 500, "text/plain; charset=utf-8", `${error.message}
`)
    );
  });
}
async function pageResponse(input) {
  return [200, demoPage(input, await widgetFiles(input))];
}
async function readyResponse(input) {
  try {
    await readdir(input.widgetsDir);
    return [200, "ready\n"];
  } catch (error) {
    return [503, `cannot read ${input.widgetsDir}: ${error.code}
`];
  }
}
async function widgetFiles(input) {
  const snippet = await readIfThere(join(input.widgetsDir, snippetKey(input.widget)));
  const indexText = await readIfThere(join(input.widgetsDir, INDEX_KEY));
  let index;
  try {
    const widgets = JSON.parse(indexText ?? "{}").widgets;
    const entry = widgets?.find((w) => w.name === input.widget);
    index = entry && { url: entry.url, expiresAt: entry.expiresAt };
  } catch {
    index = void 0;
  }
  return { snippet, index };
}
async function readIfThere(file) {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
function send(response, status, type, body, extra = {}) {
  response.writeHead(status, { ...HEADERS, "content-type": type, ...extra }).end(response.req.method === "HEAD" ? void 0 : body);
}

// src/demo/main.ts
var log = (line) => process.stdout.write(`demo: ${line}
`);
try {
  const inputPath = process.argv[2];
  if (!inputPath) throw new Error("usage: demo.mjs <demo.json>");
  const input = parseDemoInput(JSON.parse(readFileSync(inputPath, "utf8")));
  const server = createDemoServer(input);
  server.on("error", (error) => {
    log(`error: ${error.message}`);
    process.exit(1);
  });
  server.listen(input.port, () => log(`serving widget ${input.widget} from ${input.widgetsDir} on port ${input.port}`));
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
  }
} catch (error) {
  log(`error: ${error.message}`);
  process.exitCode = 2;
}
