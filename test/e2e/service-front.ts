// A stand-in, on 127.0.0.1, for what sits in front of a Service in production (an ingress
// controller, kube-proxy): each new connection goes to a pod that the Service's EndpointSlices
// list as ready, and a connection stays on the pod it went to until that pod closes it. The test
// machine cannot reach ClusterIPs, so each pod is reached through a `kubectl port-forward` of its
// own, opened when the pod turns ready and kept while connections use it.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { kubectlResult } from '../cluster/support.js';
import { portForward, progress, type PortForward } from './cluster.js';

export interface ServiceFront {
  /** http://127.0.0.1:<port>: what a widget is pointed at. */
  readonly url: string;
  /** The pods new connections went to, in the order they were first used. */
  readonly podsUsed: readonly string[];
  stop(): void;
}

interface EndpointSlice {
  endpoints?: Array<{ conditions?: { ready?: boolean }; targetRef?: { kind: string; name: string } }>;
}

/** The Service's ready pods, as its EndpointSlices say (what kube-proxy and ingress controllers route to). */
export function readyPods(namespace: string, service: string): string[] {
  const result = kubectlResult(['get', 'endpointslices', '-n', namespace, '-l', `kubernetes.io/service-name=${service}`, '-o', 'json']);
  if (result.status !== 0) return [];
  const slices = (JSON.parse(result.stdout) as { items: EndpointSlice[] }).items;
  return slices.flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions?.ready === true && e.targetRef?.kind === 'Pod')
    .map((e) => e.targetRef!.name)
    .sort();
}

/**
 * Listens on 127.0.0.1 and sends each connection to a ready pod of `service` (the newest pod
 * first seen ready), on `port`. The ready set is read again every second.
 */
export async function serviceFront(namespace: string, service: string, port: number): Promise<ServiceFront> {
  const forwards = new Map<string, Promise<PortForward>>();
  const podsUsed: string[] = [];
  let ready: string[] = [];
  const refresh = () => {
    const now = readyPods(namespace, service);
    if (now.join() !== ready.join()) progress(`${service}: ready pods ${now.join(', ') || 'none'}`);
    // The newest ready pod takes new connections: during a rollout, the one just started.
    ready = [...now.filter((p) => !ready.includes(p)), ...ready.filter((p) => now.includes(p))];
  };
  refresh();
  const timer = setInterval(refresh, 1000);
  const forwardTo = (pod: string) => {
    let forward = forwards.get(pod);
    if (!forward) {
      forward = portForward(namespace, `pod/${pod}`, port);
      forwards.set(pod, forward);
    }
    return forward;
  };

  const server: Server = createServer((client: Socket) => {
    const pod = ready[0];
    if (pod === undefined) {
      client.destroy();
      return;
    }
    if (!podsUsed.includes(pod)) podsUsed.push(pod);
    client.pause();
    forwardTo(pod).then((forward) => {
      const upstream = createConnection(Number(new URL(forward.url).port), '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.resume();
      const close = () => { client.destroy(); upstream.destroy(); };
      upstream.on('error', close).on('close', close);
      client.on('error', close).on('close', close);
    }, () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    podsUsed,
    stop: () => {
      clearInterval(timer);
      server.close();
      for (const forward of forwards.values()) forward.then((f) => f.stop(), () => undefined);
    },
  };
}
