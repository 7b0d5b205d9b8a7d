import { keyGeneratorAnnotations } from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';

const annotations = (values: SettingsInput) => keyGeneratorAnnotations(resolveSettings(values));

const PRE_HOOK = { 'helm.sh/hook': 'pre-install,pre-upgrade,pre-rollback', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' };

describe('keyGeneratorAnnotations', () => {
  test('are keyGenerator.jobAnnotations and .rbacAnnotations: by default hooks before install, upgrade and rollback', () => {
    expect(annotations({})).toEqual({
      jobAnnotations: { ...PRE_HOOK, 'helm.sh/hook-weight': '-10' },
      rbacAnnotations: { ...PRE_HOOK, 'helm.sh/hook-weight': '-15' },
    });
    expect(annotations({ keyGenerator: { jobAnnotations: null, rbacAnnotations: { 'helm.sh/hook': null, a: 'b' } } })).toEqual({
      jobAnnotations: {},
      rbacAnnotations: { 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded', 'helm.sh/hook-weight': '-15', a: 'b' },
    });
  });

  test('take the deprecated minter.keygen*Annotations over them, as those applied over their defaults', () => {
    expect(annotations({
      keyGenerator: { jobAnnotations: { a: 'new', b: 'kept' } },
      minter: { keygenJobAnnotations: { a: 'old', 'helm.sh/hook-weight': '-12', 'helm.sh/hook': null }, keygenRbacAnnotations: {} },
    })).toEqual({
      jobAnnotations: { 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded', 'helm.sh/hook-weight': '-12', a: 'old', b: 'kept' },
      rbacAnnotations: { ...PRE_HOOK, 'helm.sh/hook-weight': '-15' },
    });
    // null used to remove all the annotations, and still does.
    expect(annotations({ minter: { keygenRbacAnnotations: null } }).rbacAnnotations).toEqual({});
  });
});
