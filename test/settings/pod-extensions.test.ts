import { resolveSettings } from '../../src/settings/index.js';
import { settingsProblems } from '../support/settings-problems.js';

const busybox = (name: string) => ({ name, image: 'busybox:1.36' });

describe("the Rasa pod's extension points", () => {
  test('default to none, and take Kubernetes objects with fields the schema does not name', () => {
    expect(resolveSettings().rasa).toMatchObject({ extraVolumes: [], extraVolumeMounts: [], initContainers: [], sidecars: [], extraEnvFrom: [] });
    const rasa = {
      extraVolumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'bot-data' } }],
      extraVolumeMounts: [{ name: 'data', mountPath: '/app/data', subPath: 'models', readOnly: true }],
      initContainers: [{ ...busybox('prepare'), command: ['true'], restartPolicy: 'Always' }],
      sidecars: [{ ...busybox('proxy'), resources: { limits: { cpu: '100m' } } }],
      extraEnvFrom: [{ secretRef: { name: 'bot-env' }, prefix: 'BOT_' }, { configMapRef: { name: 'bot-settings', optional: true } }],
    };
    expect(resolveSettings({ rasa }).rasa).toMatchObject(rasa);
  });

  test('refuse names and paths the pod has, mounts of no volume and duplicates, naming each item', () => {
    expect(settingsProblems({
      rasa: {
        extraVolumes: [{ name: 'tmp' }, { name: 'data', emptyDir: {} }, { name: 'data' }],
        extraVolumeMounts: [
          { name: 'config', mountPath: '/srv' },
          { name: 'nowhere', mountPath: '/tmp/' },
          { name: 'data', mountPath: '/srv//' },
        ],
      },
    })).toEqual([
      "'rasa.extraVolumes[0].name' (tmp) is one of the pod's own volumes (config, tmp, home-config, home-cache): give the volume another name",
      "'rasa.extraVolumes[2].name' (data) is used twice: volume names must be unique",
      "'rasa.extraVolumeMounts[0].name' (config) is one of the pod's own volumes (config, tmp, home-config, home-cache), which the chart mounts itself: mount a volume of rasa.extraVolumes",
      "'rasa.extraVolumeMounts[1].name' (nowhere) names no volume of rasa.extraVolumes: add the volume there, or fix the name",
      "'rasa.extraVolumeMounts[1].mountPath' (/tmp/) is where the chart mounts the pod's own volumes (/etc/rasa, /tmp, /app/.config, /app/.cache): pick another path",
      "'rasa.extraVolumeMounts[2].mountPath' (/srv//) is used twice: each mount needs a path of its own",
    ]);
  });

  test('refuse a container named rasa, and names used twice across init containers and sidecars', () => {
    expect(settingsProblems({
      rasa: { initContainers: [busybox('rasa'), busybox('prepare')], sidecars: [busybox('prepare'), busybox('proxy'), busybox('proxy')] },
    })).toEqual([
      "'rasa.initContainers[0].name' (rasa) is the name of the pod's main container: pick another name",
      "'rasa.sidecars[0].name' (prepare) is used twice: the containers of rasa.initContainers and rasa.sidecars need names of their own",
      "'rasa.sidecars[2].name' (proxy) is used twice: the containers of rasa.initContainers and rasa.sidecars need names of their own",
    ]);
  });

  test('refuse an env source that names no ConfigMap or Secret, or both, or a name Kubernetes refuses', () => {
    const source = (i: number) => `'rasa.extraEnvFrom[${i}]' must have either 'configMapRef' or 'secretRef', naming the ConfigMap or Secret (e.g. secretRef: {name: bot-env})`;
    expect(settingsProblems({
      rasa: {
        extraEnvFrom: [{}, { configMapRef: { name: 'a' }, secretRef: { name: 'b' } }, { secretRef: {} }, { prefix: 'X_', configMapRef: { name: 'Bot_Env' } }],
      },
    })).toEqual([
      source(0), source(1), source(2),
      "'rasa.extraEnvFrom[3].configMapRef.name' (Bot_Env) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
    ]);
  });

  test('the schema asks each item for what Kubernetes requires, and keeps an env source to its three fields', () => {
    expect(settingsProblems({
      rasa: {
        extraVolumes: [{ emptyDir: {} }],
        extraVolumeMounts: [{ name: 'Data', mountPath: 'data' }],
        sidecars: [{ name: 'proxy', image: '' }],
        initContainers: [{ image: 'busybox:1.36' }],
        extraEnvFrom: [{ secretref: { name: 'bot-env' } }],
      },
    })).toEqual([
      "'rasa.extraVolumes[0].name' is required: every item of 'rasa.extraVolumes' must have it",
      "'rasa.extraVolumeMounts[0].name' must be a name of lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. website) (got \"Data\")",
      "'rasa.extraVolumeMounts[0].mountPath' must be a path starting with '/' (e.g. /socket.io) (got \"data\")",
      "'rasa.initContainers[0].name' is required: every item of 'rasa.initContainers' must have it",
      "'rasa.sidecars[0].image' must not be empty",
      "'rasa.extraEnvFrom[0].secretref' is not a setting: remove it or fix its spelling (known here: configMapRef, secretRef, prefix)",
    ]);
  });

  test("a container's values are never shown in a message: its env may hold a secret", () => {
    const problems = settingsProblems({ rasa: { sidecars: { name: 'proxy', env: [{ name: 'TOKEN', value: 'hunter2-hunter2' }] } } });
    expect(problems).toEqual(["'rasa.sidecars' must be of type array (value not shown: it may be a secret)"]);
  });
});
