// TypeDoc writes the API reference, docs/api/, from src/index.ts and the TSDoc of all it exports,
// as Markdown (typedoc-plugin-markdown) that GitHub shows and a diff reviews.
//   npm run docs                 rewrite docs/api/; commit it with the change
//   test/api-docs.test.ts        fails while the committed reference differs from the sources
// The output depends on the sources alone: no source links (they would name a commit or this
// machine's paths), no dates. An export without a doc comment is an error here, as it is for
// API Extractor (api-extractor.json, ae-undocumented).
import { OptionDefaults } from 'typedoc';

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints: ['src/index.ts'],
  tsconfig: 'tsconfig.build.json',
  plugin: ['typedoc-plugin-markdown'],
  out: 'docs/api',
  name: 'rasa-socketio-jwt',
  readme: 'none',
  disableSources: true,
  disableGit: true,
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  hidePageHeader: true,
  hideBreadcrumbs: true,
  useCodeBlocks: true,
  // json-schema-to-typescript writes a list's minItems as a tag in src/settings/types.ts.
  blockTags: [...OptionDefaults.blockTags, '@minItems', '@maxItems'],
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  treatWarningsAsErrors: true,
};
