import type { RasaSettings, Settings } from './types.js';

/**
 * Where the Rasa pod's models volume is mounted: /app/models, which the default rasa.model.path
 * (`models`, relative to the images' WORKDIR /app) names.
 */
export const MODELS_DIR = '/app/models';

/** The pod volume mounted at MODELS_DIR: a claim (rasa.model.persistence) or an emptyDir for a download. */
export const MODELS_VOLUME = 'models';

/** The init container that fetches rasa.model.download.url into MODELS_DIR. */
export const MODEL_DOWNLOAD_CONTAINER = 'model-download';

/** Environment variable that carries the model server's token into endpoints.yml (models.token). */
export const MODEL_SERVER_TOKEN_ENV = 'RASA_MODEL_SERVER_TOKEN';

/** Whether the Rasa pod gets the models volume: for a claim, or for a download to land in. */
export function hasModelsVolume(rasa: RasaSettings): boolean {
  return rasa.model.persistence.enabled || rasa.model.download.url !== '';
}

/** Whether endpoints.yml carries the model server's token (a model server, and a Secret for it). */
export function hasModelServerToken(rasa: RasaSettings): boolean {
  return rasa.model.serverUrl !== '' && rasa.model.serverToken.secretName !== '';
}

/** The images that ship without a model: Rasa Open Source's and Rasa Pro's own. */
const STOCK_IMAGE = /(^|\/)rasa\/rasa(-pro)?$/;

/**
 * Says that Rasa will find no model: the image is a stock one (which holds none) and no other
 * source is set. The CLI prints it on stderr, the chart in its NOTES.
 * Twin: the chart's "rasa.modelSourceWarnings" helper, in the same words.
 */
export function modelSourceWarnings(s: Settings): string[] {
  const { image, model } = s.rasa;
  if (!STOCK_IMAGE.test(image.repository) || model.serverUrl || model.download.url || model.persistence.enabled) return [];
  return [`the image ${image.repository} holds no model and no model source is set, so Rasa will have none to load ` +
    '(without rasa.api.enabled it exits at start). ' +
    'Set rasa.model.download.url with its sha256, rasa.model.persistence, rasa.model.serverUrl, or an image ' +
    'with the model in it (see "Getting a model in" in the README)'];
}
