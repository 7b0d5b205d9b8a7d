/**
 * A widget with every default filled in: what the minter signs and writes. The plan fills the
 * defaults in (src/plan/widgets.ts); the minter reads this shape back from minter.json.
 */
export interface ResolvedWidget {
  readonly name: string;
  readonly url: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly expiresIn: string;
  readonly initialPayload: string;
}
