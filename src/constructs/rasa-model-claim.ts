import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import type { ModelPersistenceSettings } from '../settings/index.js';

/** Properties of `RasaModelClaim`. */
export interface RasaModelClaimProps {
  /** rasa.model.persistence: the claim's size, access modes and StorageClass. */
  readonly persistence: ModelPersistenceSettings;
  /**
   * metadata of the claim: its name (plan.modelClaim.name), labels and annotations.
   * @default - none: cdk8s names it
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * The PersistentVolumeClaim the Rasa pods mount at /app/models (rasa.model.persistence), where a
 * download lands and stays across restarts. The plain v1 object, written as the chart writes it.
 * Twin: chart/templates/model-pvc.yaml.
 */
export class RasaModelClaim extends Construct {
  /** The PersistentVolumeClaim, as a plain v1 object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RasaModelClaimProps) {
    super(scope, id);
    const { accessModes, size, storageClassName } = props.persistence;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: props.metadata,
      spec: {
        accessModes: [...accessModes],
        resources: { requests: { storage: size } },
        ...(storageClassName ? { storageClassName } : {}),
      },
    });
  }
}
