import { isPlainObject } from './merge.js';
import { runRules, type Entry, type Rule, type Scope } from './rules/engine.js';

/** The payload the Rasa widgets conventionally carry; Rasa needs some claim, never this one. */
export const DEFAULT_CLAIMS: Readonly<Record<string, unknown>> = Object.freeze({ sender_id: 'rasa-chat-widget' });

/** Claims to check, and where they are (`widgets[0].claims`, `--claims`). */
export interface Claims {
  readonly claims: unknown;
  readonly where: string;
}

/** One claim of a map of claims. */
interface Claim {
  readonly claims: Record<string, unknown>;
  readonly where: string;
  readonly claim: string;
}

/** `rule` for each of the claims `names` that a map of claims holds. */
function eachClaim(names: readonly string[], rule: Rule<Claim>): Scope<Claims, Claim> {
  return {
    scope: names.map((name) => `{where}.${name}`).join(', '),
    items: ({ claims, where }) => (isPlainObject(claims)
      ? names.filter((name) => name in claims).map((claim) => ({ claims, where, claim }))
      : []),
    rules: [rule],
  };
}

/**
 * What makes Rasa's check (PyJWT `jwt.decode(token, key, algorithms=method)`, no options) refuse a
 * token whatever the time. Twin: the "rasa.claimProblems" helper in chart/templates/_validate.tpl.
 */
export const CLAIM_RULES: readonly Entry<Claims>[] = [
  {
    id: 'claimsNotAMap', paths: ['{where}'],
    message: "'%s' must be a map of claims (got %s)",
    check: (c) => !isPlainObject(c.claims) && [c.where, JSON.stringify(c.claims)],
  },
  {
    id: 'claimsEmpty', paths: ['{where}'],
    message: "'%s' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id",
    check: (c) => isPlainObject(c.claims) && Object.keys(c.claims).length === 0 && [c.where],
  },
  {
    id: 'claimsAudience', paths: ['{where}.aud'],
    message: "'%s.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one",
    check: (c) => isPlainObject(c.claims) && 'aud' in c.claims && [c.where],
  },
  eachClaim(['sub', 'jti'], {
    id: 'claimNotAString', paths: ['{where}.sub', '{where}.jti'],
    message: "'%s.%s' must be a string (got %s): PyJWT 2.10 and later refuse any other",
    check: (c) => typeof c.claims[c.claim] !== 'string' && [c.where, c.claim, JSON.stringify(c.claims[c.claim])],
  }),
  {
    id: 'claimsExpiry', paths: ['{where}.exp'],
    message: "'%s.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp",
    check: (c) => isPlainObject(c.claims) && 'exp' in c.claims && [c.where],
  },
  eachClaim(['iat', 'nbf'], {
    id: 'claimsIssuedOrNotBefore', paths: ['{where}.iat', '{where}.nbf'],
    message: "'%[1]s.%[2]s' is not allowed: the minter leaves %[2]s out, since a value ahead of Rasa's clock " +
      'makes Rasa refuse the token',
    check: (c) => [c.where, c.claim],
  }),
];

/** One line per claim Rasa would refuse, naming it at `where`. */
export function claimProblems(claims: unknown, where: string): string[] {
  return runRules(CLAIM_RULES, { claims, where });
}
