import { isPlainObject } from './merge.js';

/** The payload the Rasa widgets conventionally carry; Rasa needs some claim, never this one. */
export const DEFAULT_CLAIMS: Readonly<Record<string, unknown>> = Object.freeze({ sender_id: 'rasa-chat-widget' });

/** Claims the minter sets itself, from expiresIn, or leaves out on purpose. */
const TIME_CLAIMS = ['exp', 'iat', 'nbf'] as const;

/**
 * What makes Rasa's check (PyJWT `jwt.decode(token, key, algorithms=method)`, no options) refuse a
 * token whatever the time: one line per problem, naming the claim at `where`.
 */
export function claimProblems(claims: unknown, where: string): string[] {
  if (!isPlainObject(claims)) return [`'${where}' must be a map of claims (got ${JSON.stringify(claims)})`];
  const problems: string[] = [];
  if (Object.keys(claims).length === 0) {
    problems.push(`'${where}' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id`);
  }
  if ('aud' in claims) {
    problems.push(`'${where}.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one`);
  }
  if ('sub' in claims && typeof claims.sub !== 'string') {
    problems.push(`'${where}.sub' must be a string (got ${JSON.stringify(claims.sub)}): PyJWT 2.10 and later refuse any other`);
  }
  if ('jti' in claims && typeof claims.jti !== 'string') {
    problems.push(`'${where}.jti' must be a string (got ${JSON.stringify(claims.jti)}): PyJWT 2.10 and later refuse any other`);
  }
  for (const claim of TIME_CLAIMS) {
    if (claim in claims) {
      problems.push(claim === 'exp'
        ? `'${where}.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp`
        : `'${where}.${claim}' is not allowed: the minter leaves ${claim} out, since a value ahead of Rasa's clock makes Rasa refuse the token`);
    }
  }
  return problems;
}
