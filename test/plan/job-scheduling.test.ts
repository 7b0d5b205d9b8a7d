import { jobScheduling, JOB_SCHEDULING_FIELDS, planBot } from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';

const TAINTED = {
  imagePullSecrets: ['regcred'],
  nodeSelector: { pool: 'chat' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'chat', effect: 'NoSchedule' }],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
  priorityClassName: 'chat-critical',
};
const scheduling = (values: SettingsInput) => jobScheduling(resolveSettings(values));

describe('jobScheduling', () => {
  test("takes the Rasa pods' settings while minter leaves them unset (null, the default)", () => {
    expect(scheduling({})).toEqual({ imagePullSecrets: [], nodeSelector: {}, tolerations: [], affinity: {}, priorityClassName: '' });
    expect(scheduling({ rasa: TAINTED })).toEqual(TAINTED);
    expect(scheduling({ rasa: TAINTED, minter: Object.fromEntries(JOB_SCHEDULING_FIELDS.map((f) => [f, null])) })).toEqual(TAINTED);
  });

  test("takes minter's own, an empty one meaning none for the Jobs", () => {
    const own = { imagePullSecrets: ['mirror'], nodeSelector: {}, tolerations: [], affinity: {}, priorityClassName: '' };
    expect(scheduling({ rasa: TAINTED, minter: own })).toEqual(own);
    expect(scheduling({ rasa: TAINTED, minter: { nodeSelector: { pool: 'batch' } } })).toEqual({ ...TAINTED, nodeSelector: { pool: 'batch' } });
  });

  test('reaches both Jobs of the plan, and their names change with it (a Job cannot be changed in place)', () => {
    const values = { socketio: { jwtKey: { generate: true } } };
    const plain = planBot(resolveSettings(values), { release: 'bot', namespace: 'chat' });
    const tainted = planBot(resolveSettings({ ...values, rasa: TAINTED }), { release: 'bot', namespace: 'chat' });
    for (const job of [tainted.minter, tainted.keyGenerator]) expect(job.scheduling).toEqual(TAINTED);
    expect(tainted.minter.jobName).not.toBe(plain.minter.jobName);
    expect(tainted.keyGenerator.jobName).not.toBe(plain.keyGenerator.jobName);
  });
});
