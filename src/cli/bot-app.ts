import { App, Chart, YamlOutputType } from 'cdk8s';
import { RasaBot } from '../constructs/index.js';
import type { Settings } from '../settings/index.js';

/** What synthesizeBot renders: resolved settings, and the release and namespace as Helm names them. */
export interface BotAppProps {
  readonly settings: Settings;
  readonly release: string;
  readonly namespace: string;
}

/**
 * The cdk8s app behind `rasa-socketio-jwt synth`: one chart named after the release, holding the
 * RasaBot, written to DIR/<release>.k8s.yaml. A module of its own, imported by the synth command
 * only once the settings are checked, and with static imports: the bundled CLI
 * (scripts/bundle-cli.mjs) carries cdk8s, whose named exports a dynamic import() of it in the
 * bundle would not give.
 */
export function synthesizeBot(outdir: string, props: BotAppProps): void {
  const app = new App({ outdir, outputFileExtension: '.k8s.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = new Chart(app, props.release, { disableResourceNameHashes: true });
  new RasaBot(chart, 'Bot', props);
  app.synth();
}
