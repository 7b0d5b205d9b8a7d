import type { ImageSettings } from '../settings/index.js';

/**
 * registry/repository:tag, or @digest when a digest pins it.
 * Twin: the chart's "rasa.image" helper.
 */
export function imageRef({ registry, repository, tag, digest }: ImageSettings): string {
  const name = registry ? `${registry}/${repository}` : repository;
  return digest ? `${name}@${digest}` : `${name}:${tag}`;
}
