import { createHash } from 'node:crypto';
import type { DemoInput } from '../demo/input.js';
import { readChartFile, type Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { imageRef } from './image.js';
import { jobScheduling, type JobScheduling } from './job-scheduling.js';
import { demoName, widgetsConfigMapName } from './names.js';

export type { DemoInput } from '../demo/input.js';

/** Where the demo container sees its program and input, and the minter's ConfigMap. */
export const DEMO_DIR = '/demo';
export const DEMO_WIDGETS_DIR = '/widgets';

/**
 * The page server's probes: liveness asks whether the process answers, readiness also whether it
 * can read the minter's ConfigMap (not whether a token is there yet: the minter Job may still be
 * signing, and a minter made a post-install hook runs only once the pods are Ready).
 * Twin: the probes of the chart's demo-deployment.yaml.
 */
export const DEMO_PROBES = {
  timeoutSeconds: 3,
  livenessProbe: { path: '/healthz', periodSeconds: 20, failureThreshold: 3 },
  readinessProbe: { path: '/readyz', periodSeconds: 5, failureThreshold: 2 },
} as const;

/** The demo page: a Deployment running chart/files/demo.mjs, its Service and its files ConfigMap. */
export interface DemoPlan {
  /** Name of the Deployment, the Service and the files ConfigMap (see demoName). */
  readonly name: string;
  /** minter.image: the stock Node image the chart already runs. */
  readonly image: string;
  /** node, the program, its input. */
  readonly command: readonly string[];
  /** What the page's program reads from demo.json (see DemoInput). */
  readonly input: DemoInput;
  /** The files of its ConfigMap, mounted at DEMO_DIR: demo.mjs and demo.json (Helm's toJson of input). */
  readonly files: Readonly<Record<'demo.mjs' | 'demo.json', string>>;
  /** The minter's ConfigMap, mounted at DEMO_WIDGETS_DIR. */
  readonly widgetsConfigMap: string;
  /** Where the container listens and the Service serves (demo.port). */
  readonly port: number;
  /** Where the pod runs and the Secrets its image is pulled with: the Jobs' (see jobScheduling), as it runs their image. */
  readonly scheduling: JobScheduling;
  /** Checksum of the files, on the pod template so that a change rolls the pod (see demoChecksum). */
  readonly checksum: string;
}

/**
 * The widget the page shows: demo.widget, else the first widget (empty when there is none, which
 * a rule refuses while the page is on).
 * Twin: the chart's "rasa.demoWidget" helper.
 */
export function demoWidget(s: Settings): string {
  return s.demo.widget || (s.widgets[0]?.name ?? '');
}

/**
 * The origins of the demo page that Rasa allows (CORS) while it is on: the page as `kubectl
 * port-forward` serves it on the user's machine, by either name of the loopback address. The
 * widgets start with HTTP long-polling, which a browser sends across origins only with CORS.
 * Twin: the chart's "rasa.demoOrigins" helper.
 */
export function demoOrigins(s: Settings): string[] {
  return s.demo.enabled ? [`http://localhost:${s.demo.port}`, `http://127.0.0.1:${s.demo.port}`] : [];
}

/**
 * demo.json: the widget, where the minter's ConfigMap is mounted, and what the page says about
 * reaching Rasa.
 * Twin: the chart's "rasa.demoInput" helper.
 */
export function demoInput(s: Settings, fullname: string, namespace: string): DemoInput {
  return {
    configMap: widgetsConfigMapName(s, fullname),
    namespace,
    port: s.demo.port,
    rasaService: fullname,
    rasaServicePort: s.service.port,
    widget: demoWidget(s),
    widgetsDir: DEMO_WIDGETS_DIR,
  };
}

/**
 * The checksum of the demo's files, so that a new program or input restarts the page server (a
 * ConfigMap volume changes under a running pod, which reads its program only at start).
 * Twin: the checksum/files annotation in the chart's demo-deployment.yaml, which hashes the same bytes.
 */
export function demoChecksum(files: DemoPlan['files']): string {
  return createHash('sha256').update(`demo.json\n${files['demo.json']}\ndemo.mjs\n${files['demo.mjs']}\n`).digest('hex');
}

/** The demo page's part of the plan. */
export function demoPlan(s: Settings, fullname: string, namespace: string): DemoPlan {
  const input = demoInput(s, fullname, namespace);
  const files = { 'demo.json': goJson(input), 'demo.mjs': readChartFile('files/demo.mjs') };
  return {
    name: demoName(fullname),
    image: imageRef(s.minter.image),
    command: ['node', `${DEMO_DIR}/demo.mjs`, `${DEMO_DIR}/demo.json`],
    input,
    files,
    widgetsConfigMap: input.configMap,
    port: s.demo.port,
    scheduling: jobScheduling(s),
    checksum: demoChecksum(files),
  };
}
