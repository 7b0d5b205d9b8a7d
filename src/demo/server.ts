import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { DemoInput } from './input.js';
import { demoPage, type WidgetFiles } from './page.js';

/** Keys of the minter's ConfigMap the page reads (src/minter/output.ts writes them). */
export const snippetKey = (widget: string) => `${widget}.legacy.html`;
export const INDEX_KEY = 'index.json';

const HEADERS = {
  // The page carries a token: no cache keeps it, and no Referer takes the page's URL elsewhere.
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * The demo page server: GET / is the page, built from the mounted ConfigMap at each request (the
 * kubelet swaps a ConfigMap volume's files when the ConfigMap changes); /healthz answers while the
 * process serves (liveness); /readyz also needs the ConfigMap's folder to be readable (readiness).
 */
export function createDemoServer(input: DemoInput): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://demo').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'only GET\n', { allow: 'GET, HEAD' });
      return;
    }
    const answer = path === '/' ? pageResponse(input)
      : path === '/healthz' ? Promise.resolve([200, 'ok\n'] as const)
        : path === '/readyz' ? readyResponse(input)
          : Promise.resolve([404, 'not found\n'] as const);
    answer.then(([status, body]) => send(response, status, path === '/' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', body),
      (error: Error) => send(response, 500, 'text/plain; charset=utf-8', `${error.message}\n`));
  });
}

async function pageResponse(input: DemoInput): Promise<readonly [number, string]> {
  return [200, demoPage(input, await widgetFiles(input))];
}

async function readyResponse(input: DemoInput): Promise<readonly [number, string]> {
  try {
    await readdir(input.widgetsDir);
    return [200, 'ready\n'];
  } catch (error) {
    return [503, `cannot read ${input.widgetsDir}: ${(error as NodeJS.ErrnoException).code}\n`];
  }
}

/** The widget's snippet and index entry as the ConfigMap holds them now; absent ones undefined. */
export async function widgetFiles(input: DemoInput): Promise<WidgetFiles> {
  const snippet = await readIfThere(join(input.widgetsDir, snippetKey(input.widget)));
  const indexText = await readIfThere(join(input.widgetsDir, INDEX_KEY));
  let index: WidgetFiles['index'];
  try {
    const widgets = (JSON.parse(indexText ?? '{}') as { widgets?: { name: string; url: string; expiresAt: string | null }[] }).widgets;
    const entry = widgets?.find((w) => w.name === input.widget);
    index = entry && { url: entry.url, expiresAt: entry.expiresAt };
  } catch {
    index = undefined;
  }
  return { snippet, index };
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function send(response: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...HEADERS, 'content-type': type, ...extra }).end(response.req.method === 'HEAD' ? undefined : body);
}
