import { App, Chart, Testing } from 'cdk8s';
import { RasaBot, type RasaBotProps } from '../../src/index.js';

/** A rendered Kubernetes object, loosely typed: tests read the fields they assert. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = Record<string, any>;

/** Renders one RasaBot the way `synth` does and returns its objects. */
export function render(props: RasaBotProps = {}): K8sObject[] {
  // A plain App: Testing.app() makes a temp folder per call, and Testing.synth writes nothing.
  // The namespace `helm template` gives without -n or a kubeconfig; props.namespace overrides it.
  const chart = new Chart(new App(), 'test', { disableResourceNameHashes: true, namespace: 'default' });
  new RasaBot(chart, 'Bot', props);
  return Testing.synth(chart) as K8sObject[];
}

export function only(objects: readonly K8sObject[], kind: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
}

export function podSpec(objects: readonly K8sObject[]): K8sObject {
  return only(objects, 'Deployment').spec.template.spec;
}

export function rasaContainer(objects: readonly K8sObject[]): K8sObject {
  return podSpec(objects).containers.find((c: K8sObject) => c.name === 'rasa');
}
