/**
 * A widget with every default filled in: what the minter signs and writes. The plan fills the
 * defaults in (src/plan/widgets.ts); the minter reads this shape back from minter.json.
 */
export interface ResolvedWidget {
  /** The widget's name, which its keys in the minter's ConfigMap start with. */
  readonly name: string;
  /** Public origin of the Rasa server the widget connects to; the Ingress's or localhost's when the values leave it empty. */
  readonly url: string;
  /** The token's payload; `{ sender_id: 'rasa-chat-widget' }` when the values leave it out. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** The token's lifetime, such as "30d"; empty for a token that does not expire. */
  readonly expiresIn: string;
  /** Sent when the chat opens; empty for none. */
  readonly initialPayload: string;
}
