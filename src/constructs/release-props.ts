import type { Settings } from '../settings/index.js';

/** What every construct of a bot is given: the settings and where its objects go. */
export interface ReleaseProps {
  /** Resolved settings (see resolveSettings). */
  readonly settings: Settings;
  /** Helm release name: the instance label, and the prefix of object names. */
  readonly release: string;
  /** Namespace of the objects. */
  readonly namespace: string;
}

/** ReleaseProps for a construct that renders one named object. */
export interface NamedObjectProps extends ReleaseProps {
  /** Name of the object. */
  readonly name: string;
}
