// With the autoscaler on, both renderers leave the Deployment's replicas to it: a count in the
// Deployment would reset the autoscaler's at every upgrade.
import { describeHelm, helmTemplate, synthObjects } from './helm.js';
import { only, type K8sObject } from '../support/render.js';

const VALUES = ['chart/ci/18-autoscaling-values.yaml'];

describeHelm('the autoscaler, in helm template and synth alike', () => {
  test.each<[string, () => K8sObject[] | Promise<K8sObject[]>]>([
    ['helm template', () => helmTemplate('bot', 'chat', VALUES)],
    ['synth', () => synthObjects('bot', 'chat', VALUES)],
  ])('%s: a HorizontalPodAutoscaler scales the Deployment, which has no replicas', async (_, renderObjects) => {
    const objects = await renderObjects();
    const deployment = only(objects, 'Deployment');
    expect(deployment.spec).not.toHaveProperty('replicas');
    expect(only(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name },
      minReplicas: 2,
      maxReplicas: 6,
    });
    expect(only(objects, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
    expect(only(objects, 'Service').spec.sessionAffinity).toBe('ClientIP');
  });
});
