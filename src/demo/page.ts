import type { DemoInput } from './input.js';

/** What the minter's ConfigMap holds for the page's widget, read at one request. */
export interface WidgetFiles {
  /** The widget's legacy snippet (<widget>.legacy.html): the div with the token, and the script tag. */
  readonly snippet: string | undefined;
  /** Its entry of index.json, when there is one. */
  readonly index: { readonly url: string; readonly expiresAt: string | null } | undefined;
}

const STYLE = `body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: #222; }
code, pre { font: 14px/1.4 ui-monospace, monospace; background: #f3f3f3; border-radius: 4px; }
code { padding: 0 .25rem; } pre { padding: .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.note { color: #555; font-size: 14px; }`;

/**
 * The demo page: the widget's snippet as the minter wrote it (so the chat on the page is the real
 * widget with the current token), what it connects to, and the snippet again as text to copy. With
 * no snippet yet (the minter has not run), a page that says so and reloads itself.
 */
export function demoPage(input: DemoInput, files: WidgetFiles): string {
  const widget = code(input.widget);
  const configMap = code(`${input.namespace}/${input.configMap}`);
  const forwardRasa = `kubectl -n ${input.namespace} port-forward service/${input.rasaService} ${input.rasaServicePort}`;
  if (files.snippet === undefined) {
    return page('<meta http-equiv="refresh" content="5">', `<h1>Chat with your bot</h1>
<p>There is no token for widget ${widget} yet: the minter Job writes it into ConfigMap ${configMap}
once the release is installed. This page reloads every 5 seconds.</p>
<p class="note">If it stays so, the minter Job's log says why (<code>kubectl -n ${escape(input.namespace)} get jobs</code> names the Job).</p>`);
  }
  const expiry = files.index === undefined ? ''
    : files.index.expiresAt === null ? ' It does not expire.' : ` It expires at ${code(files.index.expiresAt)}.`;
  const url = files.index?.url;
  const connects = url === undefined ? '' : `<p class="note">The widget connects to ${code(url)}${isLocal(url)
    ? `, where Rasa answers while you forward it: <code>${escape(forwardRasa)}</code>` : ''}.</p>`;
  return page('', `<h1>Chat with your bot</h1>
<p>Widget ${widget}, with the token the minter wrote into ConfigMap ${configMap}.${expiry}
A new token shows here within a minute or two of the minter writing it, without a restart.</p>
${connects}
${files.snippet}
<h2>Put it on your own page</h2>
<p>This is the snippet the page embeds; it carries the token, so it belongs on the pages of the site the token is for.</p>
<pre>${escape(files.snippet)}</pre>`);
}

function isLocal(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

function page(head: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat with your bot</title>${head}<style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

function code(text: string): string {
  return `<code>${escape(text)}</code>`;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
