// The chart's twin of the rules table: every rule of RULES (src/settings/rules.ts, with the claim
// and Secret-reference rules it opens) has one check in chart/templates/_validate.tpl, marked
// `{{- /* rule: <id> */ -}}`, that says the rule's message from "rasa.ruleMessages", and back.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RULES } from '../../src/settings/rules.js';
import { rulesOf } from '../../src/settings/rules/engine.js';

const TEMPLATE = readFileSync('chart/templates/_validate.tpl', 'utf8');
const RULE_MARK = /\{\{- \/\* rule: (\S+) \*\/ -\}\}/g;
const DEFINE = /\{\{- define "([^"]+)" -\}\}/g;
const rules = rulesOf(RULES);

interface Check {
  readonly id: string;
  /** The define it stands in. */
  readonly define: string;
  /** The template from its mark to the next mark or define. */
  readonly text: string;
}

function chartChecks(): Check[] {
  const defines = [...TEMPLATE.matchAll(DEFINE)].map((m) => ({ name: m[1]!, at: m.index }));
  const marks = [...TEMPLATE.matchAll(RULE_MARK)].map((m) => ({ id: m[1]!, at: m.index }));
  return marks.map((mark, i) => {
    const define = defines.filter((d) => d.at < mark.at).at(-1)!;
    const end = Math.min(marks[i + 1]?.at ?? TEMPLATE.length, defines.find((d) => d.at > mark.at)?.at ?? TEMPLATE.length);
    return { id: mark.id, define: define.name, text: TEMPLATE.slice(mark.at, end) };
  });
}

/** "rasa.ruleMessages": message name -> printf template. */
function chartMessages(): Record<string, string> {
  const body = /\{\{- define "rasa\.ruleMessages" -\}\}\n([\s\S]*?)\{\{- end -\}\}/.exec(TEMPLATE)?.[1];
  return parse(body ?? '') as Record<string, string>;
}

/** The messages a check says: `$msg.name`, `.msg.name` or `$.msg.name`. */
const messagesSaid = (check: Check) => [...check.text.matchAll(/\bmsg\.(\w+)/g)].map((m) => m[1]!);

describe('chart/templates/_validate.tpl and the rules table', () => {
  const checks = chartChecks();
  const messages = chartMessages();

  test('every rule has one check in the chart, and every check a rule', () => {
    expect(rules.length).toBeGreaterThan(30);
    expect(checks.map((c) => c.id).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  test('each helper checks its rules in the order of the table', () => {
    const order = rules.map((r) => r.id);
    for (const define of new Set(checks.map((c) => c.define))) {
      const ids = checks.filter((c) => c.define === define).map((c) => c.id);
      expect([define, ids]).toEqual([define, order.filter((id) => ids.includes(id))]);
    }
  });

  test('each check says the message of its rule, in the same words', () => {
    for (const check of checks) {
      const rule = rules.find((r) => r.id === check.id);
      const said = messagesSaid(check);
      expect([check.id, said.length]).toEqual([check.id, 1]);
      expect([check.id, messages[said[0]!]]).toEqual([check.id, rule?.message]);
    }
  });

  test('each message exists once in the chart, and every one is said', () => {
    const texts = Object.values(messages);
    expect(new Set(texts).size).toBe(texts.length);
    const said = new Set(checks.flatMap(messagesSaid));
    expect(Object.keys(messages).filter((name) => !said.has(name))).toEqual([]);
  });

  test('a message that only one rule says is named after it', () => {
    for (const [name, text] of Object.entries(messages)) {
      const sayers = rules.filter((r) => r.message === text).map((r) => r.id);
      if (sayers.length === 1) expect(name).toBe(sayers[0]);
      else expect(sayers).not.toContain(name);
    }
  });
});

describe('the paths the rules name', () => {
  interface SchemaNode { properties?: Record<string, SchemaNode>; items?: SchemaNode }
  const schema = JSON.parse(readFileSync('chart/values.schema.json', 'utf8')) as SchemaNode;

  /** Whether the schema defines `path` (`[]` for a list's items). */
  function isSetting(path: string): boolean {
    let node: SchemaNode | undefined = schema;
    for (const part of path.split(/\.|(?=\[\])/)) node = part === '[]' ? node?.items : node?.properties?.[part];
    return node !== undefined;
  }

  test('are settings of the schema', () => {
    const paths = rules.flatMap((r) => r.paths).filter((p) => !p.includes('{'));
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !isSetting(p))).toEqual([]);
  });
});
