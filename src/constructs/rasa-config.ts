import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';

export type RasaConfigProps = PlanProps;

/** credentials.yml and endpoints.yml for `rasa run`. Holds no secret: keys are named as ${ENV}. */
export class RasaConfig extends Construct {
  public readonly configMap: kplus.ConfigMap;
  /** Checksum of the files, for the pod template annotation. */
  public readonly checksum: string;

  constructor(scope: Construct, id: string, props: RasaConfigProps) {
    super(scope, id);
    const { config } = props.plan;
    this.checksum = config.checksum;
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: objectMetadata(props.plan, 'server', config.name),
      data: { ...config.files },
    });
  }
}
