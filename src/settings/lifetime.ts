/**
 * Token lifetimes ("30d"): the one form the settings, the minter and the CLI take, and its bound.
 * Twin: the expiresIn checks in chart/templates/_validate.tpl.
 */
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as const;

/** The form of a lifetime: a whole number and a unit (the schema's expiresIn pattern says the same). */
export const LIFETIME = /^([1-9][0-9]*)([smhdw])$/;

/**
 * The longest lifetime a token may have: ten years of 365 days. Longer is no different from no
 * expiry for a page, and unbounded numbers put `exp` past what a Date can hold.
 */
export const MAX_LIFETIME_SECONDS = 10 * 365 * 86400;

/** Why `text` is not a lifetime the minter can use, naming `where`; undefined when it is one. */
export function lifetimeProblem(text: string, where: string): string | undefined {
  const match = LIFETIME.exec(text);
  if (!match) return `'${where}' (${text}) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)`;
  // More digits than the bound in seconds has are over it in any unit: no big-number arithmetic.
  const digits = match[1]!;
  const tooLong = digits.length > String(MAX_LIFETIME_SECONDS).length
    || Number(digits) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] > MAX_LIFETIME_SECONDS;
  return tooLong ? `'${where}' (${text}) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires` : undefined;
}

/** "30d" -> seconds, for a text that lifetimeProblem accepts. */
export function lifetimeSeconds(text: string): number {
  const match = LIFETIME.exec(text)!;
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
