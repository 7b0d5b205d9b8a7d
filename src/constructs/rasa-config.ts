import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, type ComponentMetadata, type RasaConfigPlan } from '../plan/index.js';

/** Properties of `RasaConfig`. */
export interface RasaConfigProps {
  /** The ConfigMap's part of the plan (plan.config): its name, the files and their checksum. */
  readonly plan: RasaConfigPlan;
  /**
   * Namespace, labels and annotations of the ConfigMap.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/** credentials.yml and endpoints.yml for `rasa run`. Holds no secret: keys are named as ${ENV}. */
export class RasaConfig extends Construct {
  /** The ConfigMap holding credentials.yml and endpoints.yml, mounted into the Rasa pods. */
  public readonly configMap: kplus.ConfigMap;
  /** Checksum of the files, for the pod template annotation. */
  public readonly checksum: string;

  constructor(scope: Construct, id: string, props: RasaConfigProps) {
    super(scope, id);
    const { plan } = props;
    this.checksum = plan.checksum;
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: objectMetadata(props.metadata ?? {}, plan.name),
      data: { ...plan.files },
    });
  }
}
