import { describeHelm, helmTemplate, synthObjects } from './helm.js';
import type { K8sObject } from '../support/render.js';

const OPENSHIFT = 'chart/ci/14-openshift-values.yaml';

/** The pod spec of every Deployment and Job. */
const podSpecs = (objects: readonly K8sObject[]): K8sObject[] =>
  objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job').map((o) => o.spec.template.spec);

describeHelm('security contexts come from the values, where a null removes a key (OpenShift)', () => {
  test.each<[string, () => Promise<K8sObject[]> | K8sObject[]]>([
    ['helm template', () => helmTemplate('bot', 'chat', [OPENSHIFT])],
    ['synth', () => synthObjects('bot', 'chat', [OPENSHIFT])],
  ])('%s names no UID, GID or fsGroup in any pod and keeps the restricted settings', async (_, render) => {
    const pods = podSpecs(await render());
    expect(pods).toHaveLength(3);
    for (const spec of pods) {
      expect(spec.securityContext).toEqual({ runAsNonRoot: true, fsGroupChangePolicy: 'Always', seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of spec.containers) {
        expect(container.securityContext).toEqual({
          runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });
});
