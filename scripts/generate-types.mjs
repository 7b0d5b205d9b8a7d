// Writes src/settings/types.ts from chart/values.schema.json with json-schema-to-typescript, so the
// settings shape is written once: the schema's descriptions become the TSDoc, its defaults the
// @default tags, its titles the type names. What the schema cannot say is done here:
//  - every property is readonly (settings are data, never changed once resolved);
//  - a setting with a non-null default is typed present, as the merge with values.yaml fills it
//    (list items get no such merge: only their `required` keys are present). Where a null removes
//    the default (NULL_REMOVES in scripts/schema-required.mjs: hook annotations, single requests
//    and limits, security context keys) it can still be missing, and the code that reads those
//    copes with that;
//  - a title on a schema that is not an object with properties (Quantity, JwtMethod), or that
//    several schemas share (ExtraContainer, the items of rasa.initContainers and rasa.sidecars),
//    names one type, shared by every schema with that title, so each use keeps its own description;
//  - every export and member has a doc comment (test/api-report.test.ts fails on one without): a
//    property whose type is a named interface gets its schema's description, which
//    json-schema-to-typescript puts on the interface alone; a shared title gets the description all
//    its uses share, or else its line in TYPE_DOCS; an index signature (a Kubernetes object passed
//    through) says so; `deprecated` follows the description, so that the description stays the summary;
//  - the appendix below: names kept for the code and the public API (ImageSettings...) and the
//    partial input (SettingsInput).
//   npm run generate:types                       rewrite src/settings/types.ts
//   node scripts/generate-types.mjs --check      exit 1 when types.ts is not what the schema gives (a test runs it)
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import ts from 'typescript';

const schemaFile = new URL('../chart/values.schema.json', import.meta.url);
const typesFile = new URL('../src/settings/types.ts', import.meta.url);

const HEADER = `// Generated from chart/values.schema.json by scripts/generate-types.mjs: do not edit.
// Change the schema (descriptions and defaults are the TSDoc here), then run \`npm run generate:types\`.
`;

const APPENDIX = `
/** An image: rasa.image, minter.image or actionServer.image. */
export type ImageSettings = RasaImageSettings | MinterImageSettings | ActionServerImageSettings;

/** Requests and limits of a container: rasa.resources, minter.resources or actionServer.resources. */
export type ResourceSettings = RasaResourceSettings | MinterResourceSettings | ActionServerResourceSettings;

/** When a probe of the Rasa container checks and gives up. */
export type ProbeSettings = StartupProbeSettings | LivenessProbeSettings | ReadinessProbeSettings;

/**
 * What a caller gives: any part of the settings; the rest comes from the chart's values.yaml.
 * DeepPartial<Settings> written out one level, so that the type keeps its name where it is used.
 */
export type SettingsInput = { readonly [K in keyof Settings]?: DeepPartial<Settings[K]> | null };

/** Every property optional and nullable at every depth (a null removes a default, as in Helm); lists stay whole. */
export type DeepPartial<T> = T extends readonly (infer _)[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
`;

/** What a title names, where its uses' descriptions differ (each use keeps its own on the property). */
const TYPE_DOCS = {
  Quantity: 'A Kubernetes quantity: a number, or a string such as 500m, 1Gi or 2.',
  ExtraContainer: 'A container, as Kubernetes spells it (an init container or a sidecar), passed through as given.',
};

const INDEX_SIGNATURE_DOC = 'Any other field, as Kubernetes spells it, passed through as given.';

const OPTIONS = {
  bannerComment: '',
  // A list's minItems stays a check of the schema; in the types a tuple would only get in the way.
  ignoreMinAndMaxItems: true,
  format: true,
  style: { bracketSpacing: true, printWidth: 120, semi: true, singleQuote: true, tabWidth: 2, trailingComma: 'all', useTabs: false },
};

async function generateTypes(schema) {
  const aliases = new Map();
  const propertyDocs = new Map();
  const prepared = prepare(structuredClone(schema), '', false, aliases, sharedTitles(schema), propertyDocs);
  const declarations = [];
  for (const [title, uses] of aliases) {
    const description = typeDoc(title, uses);
    const compiled = await Promise.all(uses.map(({ node }) => compile({ ...validationOnly(node), description }, title, OPTIONS)));
    const differing = compiled.findIndex((code) => code !== compiled[0]);
    if (differing > 0) throw new Error(`'${uses[differing].path}' and '${uses[0].path}' are both titled ${title} but differ in type`);
    declarations.push(documented(readonly(compiled[0]), propertyDocs).trim());
  }
  const body = await compile(prepared, 'Settings', OPTIONS);
  // json-schema-to-typescript runs its declarations together; a blank line after each top-level `}` parts them.
  const declared = documented(readonly(body), propertyDocs).trim().replace(/^}\n(?=\S)/gm, '}\n\n');
  return `${HEADER}\n${declarations.join('\n\n')}\n\n${declared}\n${APPENDIX}`;
}

/**
 * The schema as json-schema-to-typescript should see it: descriptions with their @default,
 * `required` widened to the settings the merge fills, shared titles turned into references.
 */
function prepare(node, path, inItems, aliases, shared, propertyDocs) {
  if (node.properties) {
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties)) {
      const at = path ? `${path}.${key}` : key;
      if (typeof child.description !== 'string') throw new Error(`'${at}' has no description in chart/values.schema.json`);
      if (!inItems && 'default' in child && child.default !== null) required.add(key);
      node.properties[key] = prepare(child, at, inItems, aliases, shared, propertyDocs);
    }
    node.required = [...required];
  }
  if (node.items) node.items = prepare(node.items, `${path}[0]`, true, aliases, shared, propertyDocs);
  const out = { ...node };
  if (typeof node.description === 'string') out.description = wrap(node.description);
  if ('default' in node) out.description += `\n@default ${JSON.stringify(node.default, null, 2)}`;
  if (node.deprecated === true) {
    delete out.deprecated;
    out.description += '\n@deprecated';
  }
  if (node.title && node.properties && !shared.has(node.title)) propertyDocs.set(node.title, out.description);
  if (node.title && (!node.properties || shared.has(node.title))) {
    aliases.set(node.title, [...(aliases.get(node.title) ?? []), { node, path }]);
    delete out.title;
    out.tsType = node.title;
  }
  return out;
}

/** Titles that more than one schema has. */
function sharedTitles(schema) {
  const counts = new Map();
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (typeof node.title === 'string') counts.set(node.title, (counts.get(node.title) ?? 0) + 1);
    Object.values(node).forEach(visit);
  };
  visit(schema);
  return new Set([...counts].filter(([, n]) => n > 1).map(([title]) => title));
}

/** Descriptions are one line in the schema (as @param lines are in values.yaml); comments are wrapped. */
function wrap(text, width = 100) {
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/** The doc comment of a title's own declaration: the description every use shares, or its TYPE_DOCS line. */
function typeDoc(title, uses) {
  const descriptions = new Set(uses.map(({ node }) => node.description));
  if (descriptions.size === 1 && typeof uses[0].node.description === 'string') return wrap(uses[0].node.description);
  if (TYPE_DOCS[title]) return wrap(TYPE_DOCS[title]);
  throw new Error(`the uses of title ${title} (${uses.map(({ path }) => path).join(', ')}) differ in description: say what it names in TYPE_DOCS`);
}

/**
 * Doc comments where json-schema-to-typescript leaves none: on a property whose type is a named
 * interface (the interface's schema description, from propertyDocs) and on an index signature of
 * an interface. A type literal's index signature stays as it is: the property holding it says what it is.
 */
function documented(code, propertyDocs) {
  const source = ts.createSourceFile('types.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const inserts = [];
  const hasDoc = (node) => ts.getJSDocCommentsAndTags(node).length > 0;
  const visit = (node) => {
    if (ts.isPropertySignature(node) && !hasDoc(node) && node.type && ts.isTypeReferenceNode(node.type)) {
      const doc = propertyDocs.get(node.type.typeName.getText(source));
      if (doc !== undefined) inserts.push({ at: node.getStart(source), doc });
    }
    if (ts.isIndexSignatureDeclaration(node) && !hasDoc(node) && ts.isInterfaceDeclaration(node.parent)) {
      inserts.push({ at: node.getStart(source), doc: INDEX_SIGNATURE_DOC });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return inserts.sort((a, b) => b.at - a.at).reduce((text, { at, doc }) => {
    const indent = ' '.repeat(source.getLineAndCharacterOfPosition(at).character);
    const comment = ['/**', ...doc.split('\n').map((line) => ` * ${line}`), ' */'].join(`\n${indent}`);
    return `${text.slice(0, at)}${comment}\n${indent}${text.slice(at)}`;
  }, code);
}

/** A shared title's schema without what differs from use to use. */
function validationOnly(node) {
  const { description: _description, default: _default, ...rest } = node;
  return rest;
}

/**
 * json-schema-to-typescript has no readonly option: insert `readonly` before every property,
 * index signature and array type, found by TypeScript's own parser rather than by pattern.
 */
function readonly(code) {
  const source = ts.createSourceFile('types.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const at = [];
  const visit = (node) => {
    if (ts.isPropertySignature(node) || ts.isIndexSignatureDeclaration(node)) at.push(node.getStart(source));
    if (ts.isArrayTypeNode(node)) {
      if (ts.isArrayTypeNode(node.elementType)) throw new Error('nested arrays need parentheses after readonly: not handled');
      at.push(node.getStart(source));
    }
    if (ts.isTupleTypeNode(node)) throw new Error('tuples are not handled');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return at.sort((a, b) => b - a).reduce((text, i) => `${text.slice(0, i)}readonly ${text.slice(i)}`, code);
}

const text = await generateTypes(JSON.parse(readFileSync(schemaFile, 'utf8')));
if (process.argv.includes('--check')) {
  const current = readFileSync(typesFile, 'utf8');
  if (text !== current) {
    const want = text.split('\n');
    const have = current.split('\n');
    let line = 0;
    while (want[line] === have[line]) line++;
    console.error('src/settings/types.ts is not what chart/values.schema.json gives (run npm run generate:types); ' +
      `first difference at line ${line + 1}:\n  types.ts:  ${have[line] ?? '(end of file)'}\n  generated: ${want[line] ?? '(end of file)'}`);
    process.exit(1);
  }
} else {
  writeFileSync(typesFile, text);
}
