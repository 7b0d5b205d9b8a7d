import * as api from '../src/index.js';

test('the package exports the constructs, the minter and the settings model', () => {
  expect(Object.keys(api)).toEqual(expect.arrayContaining([
    'RasaBot', 'TokenMinter', 'KeyGenerator', 'mintToken', 'mintWidgets', 'rasaDecision', 'signingKey',
    'legacySnippet', 'webComponentSnippet', 'resolveSettings', 'SettingsError', 'MintError',
  ]));
});
