/** Where the widgets' scripts are served from, as their documentation gives them. */
export const LEGACY_WIDGET_SCRIPT = 'https://unpkg.com/@rasahq/rasa-chat';
export const WEB_COMPONENT_SCRIPT = 'https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.esm.js';
/** The web component's stylesheet, beside its script in the package: without it the widget renders unstyled. */
export const WEB_COMPONENT_STYLESHEET = 'https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.css';

/** What a widget's HTML snippet is made of. */
export interface SnippetInput {
  /** Public origin of the Rasa server (socket.io-client reads a path as a namespace). */
  readonly url: string;
  /** The widget's token, which it sends to the socketio channel. */
  readonly token: string;
  /** Sent when the chat opens; empty for none. */
  readonly initialPayload: string;
}

/** The deprecated but widespread Rasa Chat Widget (@rasahq/rasa-chat). */
export function legacySnippet(w: SnippetInput): string {
  const attributes = [
    ['id', 'rasa-chat-widget'],
    ['data-websocket-url', w.url],
    ['data-token', w.token],
    ...(w.initialPayload ? [['data-initial-payload', w.initialPayload]] : []),
  ];
  return `<div ${attributes.map(([k, v]) => `${k}="${escapeAttribute(v!)}"`).join(' ')}></div>\n` +
    `<script src="${LEGACY_WIDGET_SCRIPT}" type="application/javascript"></script>\n`;
}

/** Its successor, the <rasa-chatbot-widget> web component (@rasahq/chat-widget-ui). */
export function webComponentSnippet(w: SnippetInput): string {
  const attributes = [
    ['server-url', w.url],
    ['authentication-token', w.token],
    ...(w.initialPayload ? [['initial-payload', w.initialPayload]] : []),
  ];
  return `<rasa-chatbot-widget ${attributes.map(([k, v]) => `${k}="${escapeAttribute(v!)}"`).join(' ')}></rasa-chatbot-widget>\n` +
    `<script type="module" src="${WEB_COMPONENT_SCRIPT}"></script>\n` +
    `<link rel="stylesheet" href="${WEB_COMPONENT_STYLESHEET}">\n`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** One pass over the value: a minter writes a snippet pair for each of up to a thousand widgets. */
function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ENTITIES[c]!);
}
