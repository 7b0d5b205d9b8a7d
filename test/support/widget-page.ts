// A web page that embeds a widget snippet, served from 127.0.0.1 as a site would serve it. The
// widgets' own scripts cannot be fetched here, so the snippet's script tag is swapped for
// test/compat/widget-stand-in.js, which does what the Rasa Chat Widget does with the snippet's div,
// over socket.io-client's browser build.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { LEGACY_WIDGET_SCRIPT } from '../../src/minter/snippets.js';

const repoDir = fileURLToPath(new URL('../../', import.meta.url));

/** The script tag the legacy snippet loads the widget with. */
export const WIDGET_SCRIPT_TAG = `<script src="${LEGACY_WIDGET_SCRIPT}" type="application/javascript"></script>`;
const STAND_IN_SCRIPTS = '<script src="/socket.io.min.js"></script>\n<script src="/widget-stand-in.js"></script>';

/** The snippet with its widget script replaced by the stand-in; fails if the snippet has no such tag. */
export function withStandInWidget(snippet: string): string {
  if (!snippet.includes(WIDGET_SCRIPT_TAG)) throw new Error(`the snippet does not load the widget with ${WIDGET_SCRIPT_TAG}`);
  return snippet.replace(WIDGET_SCRIPT_TAG, STAND_IN_SCRIPTS);
}

const PAGE_STYLE = `body { font: 16px/1.5 sans-serif; margin: 2rem; max-width: 44rem; }
#rasa-chat-widget { border: 1px solid #888; border-radius: 8px; padding: 0 1rem 1rem; }
#chat-status[data-state=replied] { color: #075; } #chat-status[data-state=refused] { color: #b00; }
#chat-transcript li.bot { font-weight: bold; }`;

/** A whole page of a site that embeds `snippet`, its widget script swapped for the stand-in. */
export function pageWithSnippet(snippet: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Widget page</title><style>${PAGE_STYLE}</style></head>
<body><h1>A site that embeds the Rasa chat widget</h1>
${withStandInWidget(snippet)}</body></html>
`;
}

/** Serves page() at / and the two scripts it loads, on 127.0.0.1:port (0: any free port). */
export async function serveWidgetPage(page: () => string, port = 0): Promise<{ server: Server; origin: string }> {
  const files: Record<string, [string, () => string]> = {
    '/': ['text/html; charset=utf-8', page],
    '/socket.io.min.js': ['text/javascript', () => readFileSync(`${repoDir}/node_modules/socket.io-client/dist/socket.io.min.js`, 'utf8')],
    '/widget-stand-in.js': ['text/javascript', () => readFileSync(`${repoDir}/test/compat/widget-stand-in.js`, 'utf8')],
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://page').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * For a page served as it is (not made here), such as the chart's demo page: the browser's request
 * for the legacy widget's script (LEGACY_WIDGET_SCRIPT, off this machine) is answered with the
 * stand-in after socket.io-client's browser build, the same two scripts the pages made here load;
 * any other request off this machine is aborted and kept in the returned list.
 */
export async function routeWidgetScript(context: BrowserContext): Promise<string[]> {
  const offMachine: string[] = [];
  const script = ['node_modules/socket.io-client/dist/socket.io.min.js', 'test/compat/widget-stand-in.js']
    .map((file) => readFileSync(`${repoDir}/${file}`, 'utf8')).join('\n;\n');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === LEGACY_WIDGET_SCRIPT) return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    if (['127.0.0.1', 'localhost'].includes(new URL(url).hostname)) return route.continue();
    offMachine.push(url);
    return route.abort();
  });
  return offMachine;
}
