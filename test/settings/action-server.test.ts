import { resolveSettings } from '../../src/settings/index.js';
import { settingsProblems } from '../support/settings-problems.js';

const busybox = (name: string) => ({ name, image: 'busybox:1.36' });

describe('the action server settings', () => {
  test('default to off, with the Rasa SDK image of Rasa 3.6 on port 5055, restricted like Rasa', () => {
    const { actionServer, rasa } = resolveSettings();
    expect(actionServer).toMatchObject({
      enabled: false,
      image: { registry: 'docker.io', repository: 'rasa/rasa-sdk', tag: '3.6.2', digest: '', pullPolicy: 'IfNotPresent' },
      replicaCount: 1,
      port: 5055,
      extraEnv: [],
      extraVolumes: [], extraVolumeMounts: [], initContainers: [], sidecars: [], extraEnvFrom: [],
    });
    expect(actionServer.podSecurityContext).toEqual(rasa.podSecurityContext);
    expect(actionServer.containerSecurityContext).toEqual(rasa.containerSecurityContext);
  });

  test("refuse an action_endpoint of one's own beside the chart's action server, naming both settings and the fix", () => {
    const own = { rasa: { endpoints: { action_endpoint: { url: 'http://actions.example.com/webhook' } } } };
    expect(settingsProblems(own)).toEqual([]);
    expect(settingsProblems({ ...own, actionServer: { enabled: true } })).toEqual([
      "'rasa.endpoints.action_endpoint' is set, but actionServer.enabled points Rasa at the chart's action server: " +
        'remove rasa.endpoints.action_endpoint, or --set actionServer.enabled=false to keep your own',
    ]);
  });

  test("check the action server pod's extension points against its own names, env and pull Secrets, once it is on", () => {
    const actionServer = {
      extraVolumes: [{ name: 'tmp' }, { name: 'data', emptyDir: {} }],
      extraVolumeMounts: [{ name: 'data', mountPath: '/tmp/' }, { name: 'nowhere', mountPath: '/srv' }],
      initContainers: [busybox('action-server')],
      sidecars: [busybox('rasa'), busybox('rasa')],
      extraEnvFrom: [{ secretRef: { name: 'Bad_Name' } }],
      extraEnv: [{ name: 'A', value: 'x' }, { name: 'A', value: 'y' }, { name: 'RASA_API_AUTH_TOKEN', value: 'z' }, { name: 'B', secretName: 'b' }],
      imagePullSecrets: ['Reg_Cred'],
    };
    expect(settingsProblems({ actionServer })).toEqual([]);
    expect(settingsProblems({ actionServer: { ...actionServer, enabled: true } })).toEqual([
      "'actionServer.extraEnv[1].name' (A) is already set by the chart: pick another name",
      "'actionServer.extraEnv[3].secretKey' is empty: name the key inside the Secret (--set actionServer.extraEnv[3].secretKey=<key>); " +
        'the variable would have no value',
      "'actionServer.imagePullSecrets[0]' (Reg_Cred) is not a valid name: use lower-case letters, digits, '-' and '.', " +
        'starting and ending with a letter or digit',
      "'actionServer.extraVolumes[0].name' (tmp) is one of the pod's own volumes (tmp): give the volume another name",
      "'actionServer.extraVolumeMounts[0].mountPath' (/tmp/) is where the chart mounts the pod's own volumes (/tmp): pick another path",
      "'actionServer.extraVolumeMounts[1].name' (nowhere) names no volume of actionServer.extraVolumes: add the volume there, or fix the name",
      "'actionServer.initContainers[0].name' (action-server) is the name of the pod's main container: pick another name",
      "'actionServer.sidecars[1].name' (rasa) is used twice: the containers of actionServer.initContainers and actionServer.sidecars " +
        'need names of their own',
      "'actionServer.extraEnvFrom[0].secretRef.name' (Bad_Name) is not a valid name: use lower-case letters, digits, '-' and '.', " +
        'starting and ending with a letter or digit',
    ]);
  });

  test("keep Rasa's own rules on rasa.extraEnv: the API token and the chart's variables are Rasa's alone", () => {
    expect(settingsProblems({ rasa: { extraEnv: [{ name: 'RASA_API_AUTH_TOKEN', value: 'x' }, { name: 'RASA_SOCKETIO_JWT_KEY', value: 'y' }] } })).toEqual([
      "'rasa.extraEnv[0].name' (RASA_API_AUTH_TOKEN) is the HTTP API's token, which the chart takes from the Secret named by " +
        'rasa.api.tokenSecretName: set that instead',
      "'rasa.extraEnv[1].name' (RASA_SOCKETIO_JWT_KEY) is already set by the chart: pick another name",
    ]);
  });
});
