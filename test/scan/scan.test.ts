// How the scanner test judges findings against test/scan/exceptions.yaml, on findings written here.
import { exceptionsToAdd, findingsTable, judge, objectsByLine, parseExceptions, type Finding } from './scan.js';

const RENDERS = ['default', 'full'];
const finding = (over: Partial<Finding>): Finding =>
  ({ scanner: 'checkov', render: 'default', check: 'CKV_K8S_11', object: 'Deployment/bot-rasa', says: 'CPU limits should be set', ...over });
const REASON = 'a reason of a whole sentence, as the file asks';

describe('the scanner exceptions', () => {
  test('are read per scanner, and refused without a reason, with unknown fields or renders', () => {
    expect(parseExceptions(`checkov:\n  - check: CKV_K8S_11\n    renders: [full]\n    reason: ${REASON}\n`, RENDERS))
      .toEqual([{ scanner: 'checkov', check: 'CKV_K8S_11', renders: ['full'], reason: REASON }]);
    expect(() => parseExceptions('checkov:\n  - check: CKV_K8S_11\n    reason: because\n', RENDERS)).toThrow('needs a reason of a sentence');
    expect(() => parseExceptions(`trivy:\n  - check: X\n    reason: ${REASON}\n`, RENDERS)).toThrow("unknown scanner 'trivy'");
    expect(() => parseExceptions(`checkov:\n  - check: X\n    why: y\n    reason: ${REASON}\n`, RENDERS)).toThrow('unknown fields: why');
    expect(() => parseExceptions(`checkov:\n  - check: X\n    renders: [prod]\n    reason: ${REASON}\n`, RENDERS)).toThrow('renders must be some of default, full');
  });

  test('cover the findings of their check, narrowed to renders, objects and what kube-score says', () => {
    const exceptions = parseExceptions([
      'checkov:',
      `  - check: CKV_K8S_11\n    objects: [Deployment/bot-rasa, Job/bot-rasa-minter-*]\n    reason: ${REASON}`,
      'kube-score:',
      `  - check: container-resources\n    says: CPU limit is not set\n    renders: [full]\n    reason: ${REASON}`,
    ].join('\n'), RENDERS);
    const findings = [
      finding({}),
      finding({ object: 'Job/bot-rasa-minter-0123456789' }),
      finding({ object: 'Deployment/bot-rasa-demo' }),
      finding({ scanner: 'kube-score', check: 'container-resources', render: 'full', says: 'CPU limit is not set' }),
      finding({ scanner: 'kube-score', check: 'container-resources', render: 'full', says: 'Memory limit is not set' }),
      finding({ scanner: 'kube-score', check: 'container-resources', render: 'default', says: 'CPU limit is not set' }),
    ];
    const { unlisted, stale } = judge(findings, exceptions, RENDERS);
    expect(unlisted).toEqual([findings[2], findings[4], findings[5]]);
    expect(stale).toEqual([]);
  });

  test('go stale by the render or object pattern that passes now', () => {
    const exceptions = parseExceptions([
      'checkov:',
      `  - check: CKV_K8S_11\n    objects: [Deployment/bot-rasa, Job/bot-rasa-minter-*]\n    reason: ${REASON}`,
      `  - check: CKV_K8S_43\n    renders: [default, full]\n    reason: ${REASON}`,
      `  - check: CKV_K8S_15\n    reason: ${REASON}`,
    ].join('\n'), RENDERS);
    const { stale } = judge([finding({}), finding({ check: 'CKV_K8S_43', render: 'full' })], exceptions, RENDERS);
    expect(stale.map((s) => [s.exception.check, s.render, s.object])).toEqual([
      ['CKV_K8S_11', 'default, full', 'Job/bot-rasa-minter-*'],
      ['CKV_K8S_43', 'default', undefined],
      ['CKV_K8S_15', 'default, full', undefined],
    ]);
  });

  test('print a table of the failed checks, a line per check, and entries to paste for the unlisted', () => {
    const findings = [finding({}), finding({ render: 'full', object: 'Job/bot-rasa-minter-0123456789' }),
      finding({ scanner: 'kube-score', check: 'container-resources', says: 'CPU limit is not set', where: 'rasa' })];
    const table = findingsTable(findings, parseExceptions(`checkov:\n  - check: CKV_K8S_11\n    reason: ${REASON}\n`, RENDERS)).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^yes +checkov +CKV_K8S_11 +CPU limits should be set +default, full +Deployment\/bot-rasa, Job\/bot-rasa-minter-0123456789$/);
    expect(table[3]).toMatch(/^NO +kube-score +container-resources +CPU limit is not set +default +Deployment\/bot-rasa \(rasa\)$/);
    const toAdd = exceptionsToAdd(findings);
    expect(toAdd).toBe([
      'checkov:', '  - check: CKV_K8S_11', '    # CPU limits should be set',
      '    objects: [Deployment/bot-rasa, Job/bot-rasa-minter-*]', '    reason: >-', '      WHY THE CHART KEEPS IT',
      'kube-score:', '  - check: container-resources', '    # CPU limit is not set', '    says: "CPU limit is not set"',
      '    renders: [default]', '    objects: [Deployment/bot-rasa]', '    reason: >-', '      WHY THE CHART KEEPS IT',
    ].join('\n'));
    const pasted = parseExceptions(toAdd.replaceAll('WHY THE CHART KEEPS IT', REASON), RENDERS);
    expect(judge(findings, pasted, RENDERS)).toEqual({ unlisted: [], stale: [] });
  });

  test("name the object of a line of a multi-document file, counting a document's --- as checkov does", () => {
    const objectAt = objectsByLine('---\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Job\nmetadata:\n  name: b\n');
    expect([1, 2, 4, 5, 6, 8].map(objectAt)).toEqual(['ConfigMap/a', 'ConfigMap/a', 'ConfigMap/a', 'Job/b', 'Job/b', 'Job/b']);
  });

  test('name the item of a List, which checkov scans as an object of its own', () => {
    const objectAt = objectsByLine([
      '---', 'kind: List', 'metadata:', '  name: hooks', 'items:',
      '  - kind: Role', '    metadata:', '      name: r',
      '  - kind: RoleBinding', '    metadata:', '      name: rb',
      '---', 'kind: Job', 'metadata:', '  name: j', '',
    ].join('\n'));
    expect([6, 8, 9, 11, 12, 15].map(objectAt)).toEqual(['Role/r', 'Role/r', 'RoleBinding/rb', 'RoleBinding/rb', 'Job/j', 'Job/j']);
  });
});
