import { parseArgs } from 'node:util';
import { deprecationWarnings, isDns1123Label, modelSourceWarnings, resolveSettings } from '../../settings/index.js';
import { usageError } from '../errors.js';
import { resolveNamespace } from '../namespace.js';
import { replaceOutputFiles } from '../output-folder.js';
import { readValuesFiles } from '../values-files.js';
import { warningLines, type Command } from '../command.js';

export const synth: Command = {
  name: 'synth',
  usage: `rasa-socketio-jwt synth [-f values.yaml]... [-o dir] [--release NAME] [-n NS]

Renders every object of one Rasa bot, named as \`helm install NAME\` names them, into
DIR/NAME.k8s.yaml. Without -f the chart's defaults are used. The render is complete before DIR
changes. Files this command wrote before (listed in DIR/.rasa-socketio-jwt-files) are replaced;
nothing else in DIR is touched, and a failed render leaves DIR as it was.

  -f, --values FILE    values file (repeatable; later files win)
  -o, --output DIR     output folder (default: dist, or $CDK8S_OUTDIR under cdk8s synth)
  --release NAME       release name (default: rasa)
  -n, --namespace NS   namespace of every object (default: as Helm finds it: $HELM_NAMESPACE, else
                       the namespace of the kubeconfig's current context, else "default"; stderr
                       says which, unless given here)`,

  async run(argv, env) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        values: { type: 'string', short: 'f', multiple: true, default: [] },
        output: { type: 'string', short: 'o' },
        release: { type: 'string', default: 'rasa' },
        namespace: { type: 'string', short: 'n' },
      },
      strict: true,
      allowPositionals: false,
    });
    const outdir = values.output ?? env.CDK8S_OUTDIR ?? 'dist';
    const release = values.release;
    // As helm install checks them: the release names every object, the namespace holds them.
    if (!isDns1123Label(release) || release.length > 53) {
      throw usageError(`--release (${JSON.stringify(release)}) must be a name of at most 53 lower-case letters, digits and '-', ` +
        'starting and ending with a letter or digit, as Helm requires of a release (e.g. --release bot)');
    }
    const { namespace, source } = resolveNamespace(values.namespace, env);
    // Settings are checked before cdk8s and the constructs load (the larger part of a synth's
    // start): a refused values file is refused fast, and the constructs get settings that are
    // already resolved.
    const settings = resolveSettings(...readValuesFiles(values.values));
    const { synthesizeBot } = await import('../bot-app.js');
    replaceOutputFiles(outdir, (staging) => synthesizeBot(staging, { settings, release, namespace }));
    const warnings = [...deprecationWarnings(settings), ...modelSourceWarnings(settings)];
    const said = source === '--namespace' ? '' : `namespace: ${namespace} (${source})\n`;
    return { stdout: `wrote ${outdir}/${release}.k8s.yaml\n`, stderr: said + warningLines(warnings) };
  },
};
