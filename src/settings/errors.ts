/**
 * Errors of the product. Callers switch on `code`, which is stable; messages are for people and
 * name the setting and the fix.
 */
export class RasaSocketioJwtError extends Error {
  /** A stable identifier of the kind of failure. */
  readonly code: string = 'ERR_RASA_SOCKETIO_JWT';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Settings that break a rule. `problems` holds one line per broken rule. */
export class SettingsError extends RasaSocketioJwtError {
  /** Always ERR_SETTINGS_INVALID. */
  override readonly code = 'ERR_SETTINGS_INVALID';
  /** One line per broken rule, each naming the setting and the fix. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid settings:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
