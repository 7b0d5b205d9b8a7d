/**
 * Rules as data: each names what it checks and says, once. The tables (src/settings/rules.ts,
 * claims.ts) are run here; chart/templates/_validate.tpl holds their twins, which
 * test/chart/rules-table.test.ts pairs by id and message.
 */

/** What one breach fills its message with, in the message's order. */
export type MessageArgs = readonly (string | number)[];

export interface Rule<Subject> {
  /** Stable name; the chart marks its twin `{{- /* rule: <id> *\/ -}}`. */
  readonly id: string;
  /**
   * The settings it reads, from the root, `[]` for each item of a list. A rule that several scopes
   * share names its subject's fields in braces: `{nameField}`. None for a rule on all the values.
   */
  readonly paths: readonly string[];
  /** A Go printf template (%s, %d, %[1]s), the same text as the chart's: what is wrong, then the fix. */
  readonly message: string;
  /** The breach in `subject` as the message's arguments; false or undefined when the rule holds. */
  readonly check: (subject: Subject) => MessageArgs | false | undefined;
}

/**
 * Rules that apply to each of several items (list entries, Secret references), item by item, so
 * that one item's lines stand together. The chart's twin is a `range` or a helper.
 */
export interface Scope<Subject, Item> {
  /** Where the items are, for people: `rasa.extraEnv[]`. */
  readonly scope: string;
  readonly items: (subject: Subject) => readonly Item[];
  readonly rules: readonly Entry<Item>[];
}

// `any`: one table holds scopes of different item types, each typed where it is written.
export type Entry<Subject> = Rule<Subject> | Scope<Subject, any>;

/** One line per breach, in the table's order. */
export function runRules<Subject>(entries: readonly Entry<Subject>[], subject: Subject): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    if ('scope' in entry) {
      for (const item of entry.items(subject)) problems.push(...runRules(entry.rules, item));
    } else {
      const args = entry.check(subject);
      if (args) problems.push(formatMessage(entry.message, args));
    }
  }
  return problems;
}

/** Every rule of `entries`, scopes opened, each once. */
export function rulesOf(entries: readonly Entry<never>[]): Rule<never>[] {
  const rules = entries.flatMap((entry): Rule<never>[] => ('scope' in entry ? rulesOf(entry.rules) : [entry]));
  return [...new Set(rules)];
}

/**
 * `template` filled as Go's printf fills the chart's twin: %s and %d take the next argument,
 * %[n]s the n-th (and the next one after it), %% is a percent sign.
 */
export function formatMessage(template: string, args: MessageArgs): string {
  let next = 0;
  return template.replace(/%(?:\[(\d+)\])?([sd%])/g, (_, index: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (index !== undefined) next = Number(index) - 1;
    return String(args[next++]);
  });
}
