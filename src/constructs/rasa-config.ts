import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectLabels } from './labels.js';
import { configChecksum, credentialsYaml, endpointsYaml } from './rasa-files.js';
import type { NamedObjectProps } from './release-props.js';

export type RasaConfigProps = NamedObjectProps;

/** credentials.yml and endpoints.yml for `rasa run`. Holds no secret: keys are named as ${ENV}. */
export class RasaConfig extends Construct {
  public readonly configMap: kplus.ConfigMap;
  /** Checksum of the files, for the pod template annotation. */
  public readonly checksum: string;

  constructor(scope: Construct, id: string, props: RasaConfigProps) {
    super(scope, id);
    const files = {
      'credentials.yml': credentialsYaml(props.settings),
      'endpoints.yml': endpointsYaml(props.settings),
    };
    this.checksum = configChecksum(files);
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: objectLabels(props.settings, props.release, 'server'),
        annotations: { ...props.settings.commonAnnotations },
      },
      data: files,
    });
  }
}
