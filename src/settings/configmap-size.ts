import { resolveWidgets } from '../plan/widgets.js';
import type { JwtMethod, Settings } from './types.js';
import type { ResolvedWidget } from './widgets.js';

/**
 * Kubernetes refuses a ConfigMap whose keys and values add up to more than 1 MiB. The minter's
 * own check at write time (CONFIGMAP_LIMIT_BYTES in src/minter/output.ts) uses the same limit.
 * Written as a literal: esbuild keeps `1024 * 1024` in the minter's bundle (chart/files/), which
 * reaches this module through rules.ts, though nothing there uses it.
 */
export const CONFIGMAP_LIMIT_BYTES = 1_048_576;

/*
 * What the minter writes (src/minter/output.ts and snippets.ts), with every variable part left
 * out. Twin: the same strings in chart/templates/_configmap-size.tpl.
 */
/** index.json and its key: every method has five letters, every key fingerprint 16 digits. */
const INDEX_JSON = 'index.json{"method":"HS256","keyFingerprint":"0123456789abcdef","widgets":[]}\n';
/** One widget's entry in index.json, with the "," that separates it from the one before. */
const INDEX_ENTRY = ',{"name":,"url":,"expiresAt":}';
/** The three keys of one widget, less its name. */
const KEYS = '.token.legacy.html.web-component.html';
const LEGACY_SNIPPET = '<div id="rasa-chat-widget" data-websocket-url="" data-token=""></div>\n' +
  '<script src="https://unpkg.com/@rasahq/rasa-chat" type="application/javascript"></script>\n';
const WEB_COMPONENT_SNIPPET = '<rasa-chatbot-widget server-url="" authentication-token=""></rasa-chatbot-widget>\n' +
  '<script type="module" src="https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.esm.js"></script>\n' +
  '<link rel="stylesheet" href="https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.css">\n';
const INITIAL_PAYLOAD = ' data-initial-payload="" initial-payload=""';
/** The key and value `<widget>.expires-at` adds for a token that expires, less the widget's name. */
const EXPIRY_KEY = '.expires-at2026-11-29T00:00:00Z';
/** index.json's expiresAt until the year 10000, and without expiry. */
const EXPIRES_AT = '"2026-11-29T00:00:00.000Z"';
const NO_EXPIRY = 'null';
/** exp in the payload: ten digits from 2001 to 2286, and lifetimes end within ten years. */
const EXP_CLAIM = ',"exp":1795910400';
/** The base64url header `{"alg":"HS256","typ":"JWT"}` (as long for every method) and the two dots. */
const TOKEN_FIXED = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..';
/** The HMAC's base64url: 32, 48 or 64 bytes. */
const SIGNATURE_BYTES: Readonly<Record<JwtMethod, number>> = { HS256: 43, HS384: 64, HS512: 86 };

export interface ConfigMapSize {
  /** Bytes of keys and values, never fewer than the minter writes. */
  readonly bytes: number;
  /** How many of the widgets, taken from the first, fit in CONFIGMAP_LIMIT_BYTES. */
  readonly fitting: number;
}

/**
 * The size of the ConfigMap the minter will fill, known before any token is signed: a token's
 * length follows from its claims, so synth and `helm template` refuse what the minter Job would
 * only refuse in the cluster. Never below what the minter writes, and today exactly that while
 * clocks read between 2001 and 2286 (`exp` has ten digits). JSON is measured as the minter writes
 * it, with JSON.stringify; the template takes Go's extra escapes out of toJson's to match. One
 * pass over the widgets.
 * Twin: "rasa.widgetsConfigMapSize" in chart/templates/_configmap-size.tpl gives the same numbers.
 */
export function widgetsConfigMapSize(s: Settings): ConfigMapSize {
  const signature = SIGNATURE_BYTES[s.socketio.jwtMethod] ?? SIGNATURE_BYTES.HS512;
  // The first entry has no "," before it.
  let bytes = INDEX_JSON.length - ','.length;
  let fitting = 0;
  for (const w of resolveWidgets(s)) {
    bytes += widgetBytes(w, signature);
    if (bytes <= CONFIGMAP_LIMIT_BYTES) fitting += 1;
  }
  return { bytes, fitting };
}

function widgetBytes(w: ResolvedWidget, signatureBytes: number): number {
  const expires = w.expiresIn !== '';
  const payload = jsonBytes(w.claims) + (expires ? EXP_CLAIM.length : 0);
  const token = TOKEN_FIXED.length + base64urlLength(payload) + signatureBytes;
  const name = utf8Bytes(w.name);
  // The token once as a value and once in each snippet; the URL and the payload in each snippet.
  return 3 * name + KEYS.length
    + 3 * token
    + LEGACY_SNIPPET.length + WEB_COMPONENT_SNIPPET.length + 2 * attributeBytes(w.url)
    + (w.initialPayload ? INITIAL_PAYLOAD.length + 2 * attributeBytes(w.initialPayload) : 0)
    + INDEX_ENTRY.length + jsonBytes(w.name) + jsonBytes(w.url) + (expires ? EXPIRES_AT : NO_EXPIRY).length
    + (expires ? name + EXPIRY_KEY.length : 0);
}

/** base64url without padding, as JWTs use it. */
function base64urlLength(bytes: number): number {
  return 4 * Math.floor(bytes / 3) + [0, 2, 3][bytes % 3]!;
}

/** A snippet attribute's value after escapeAttribute (src/minter/snippets.ts). */
function attributeBytes(value: string): number {
  return utf8Bytes(value) + 4 * count(value, /&/g) + 5 * count(value, /"/g) + 3 * count(value, /[<>]/g);
}

/** The bytes of `value` in the JSON the minter writes, in the token's payload and in index.json. */
function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value));
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
