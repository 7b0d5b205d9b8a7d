import { formatMessage } from './rules/engine.js';

/**
 * Token lifetimes ("30d"): the one form the settings, the minter and the CLI take, and its bound.
 * The schema's widgets[].expiresIn pattern is this form or empty (test/settings/lifetime.test.ts).
 */
export const LIFETIME = /^[1-9][0-9]*[smhdw]$/;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * The longest lifetime a token may have: ten years of 365 days. Longer is no different from no
 * expiry for a page, and unbounded numbers put `exp` past what a Date can hold.
 */
export const MAX_LIFETIME_SECONDS = 10 * 365 * 86400;

/** The rule on the bound (widgetLifetimeTooLong in src/settings/rules.ts, and the minter's). */
export const LIFETIME_TOO_LONG =
  "'%s' (%s) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires";
const NOT_A_LIFETIME = "'%s' (%s) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)";

/** Whether a text of LIFETIME's form is over the bound. */
export function isOverMaxLifetime(text: string): boolean {
  // More digits than the bound in seconds has are over it in any unit: no big-number arithmetic.
  return text.length - 1 > String(MAX_LIFETIME_SECONDS).length || lifetimeSeconds(text) > MAX_LIFETIME_SECONDS;
}

/** Why `text` is not a lifetime the minter can use, naming `where`; undefined when it is one. */
export function lifetimeProblem(text: string, where: string): string | undefined {
  if (!LIFETIME.test(text)) return formatMessage(NOT_A_LIFETIME, [where, text]);
  return isOverMaxLifetime(text) ? formatMessage(LIFETIME_TOO_LONG, [where, text]) : undefined;
}

/** "30d" -> seconds, for a text of LIFETIME's form. */
export function lifetimeSeconds(text: string): number {
  return Number(text.slice(0, -1)) * UNIT_SECONDS[text.slice(-1)]!;
}

/**
 * The re-mint CronJob's derived schedule runs the minter at a quarter of the shortest widget
 * lifetime (src/plan/remint.ts): a token in the ConfigMap then always has three quarters of its
 * lifetime left, and three runs in a row may fail before it expires. A CronJob runs at most once a
 * minute, so the shortest lifetime it renews in time is four minutes.
 */
export const REMINT_FRACTION = 4;
export const SHORTEST_REMINTED_LIFETIME_SECONDS = REMINT_FRACTION * 60;

/** The rule on that bound (widgetLifetimeTooShortToRemint in src/settings/rules.ts). */
export const LIFETIME_TOO_SHORT_TO_REMINT =
  "'%s' (%s) is shorter than 4m, the shortest lifetime the re-mint CronJob renews in time (it runs at a quarter " +
  "of the shortest lifetime, and at most once a minute): use 4m or more, or set the schedule yourself (--set minter.schedule='* * * * *')";

/** Seconds of a lifetime of LIFETIME's form within the bound; undefined for none or one over it. */
export function boundedLifetimeSeconds(text: string): number | undefined {
  return text === '' || isOverMaxLifetime(text) ? undefined : lifetimeSeconds(text);
}
