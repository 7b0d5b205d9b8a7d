import { readFileSync } from 'node:fs';
import * as api from '../src/index.js';

describe('the public API', () => {
  test('is the constructs, the settings entry points, planBot and the minter, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DemoPage', 'FILLED_BY_ANNOTATION', 'JwtKeySecret', 'KeyGenerator', 'LOCAL_ONLY_ANNOTATION', 'RasaActionServer', 'RasaAutoscaler', 'RasaBot', 'RasaConfig',
      'RasaDisruptionBudget', 'RasaIngress', 'RasaModelClaim', 'RasaNetworkPolicy', 'RasaServer', 'RasaService', 'ScriptJob', 'TokenMinter', 'TokenReminter',
      'HelmYamlError', 'RasaSocketioJwtError', 'SettingsError', 'defaultValues', 'parseHelmYaml', 'resolveSettings',
      'planBot',
      'KEY_FINGERPRINT_ANNOTATION', 'METHODS', 'MintError', 'hmacKey', 'keyFingerprint', 'legacySnippet', 'mintToken', 'mintWidgets', 'rasaDecision',
      'signingKey', 'webComponentSnippet',
    ].sort());
  });

  test('is all a dependent can import: package.json exports src/index.ts alone', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: unknown; types: string };
    expect(pkg.exports).toEqual({ '.': './lib/index.js' });
    expect(pkg.types).toBe('lib/index.d.ts');
  });
});
