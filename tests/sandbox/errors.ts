/**
 * Asana-shaped errors: `{"errors":[{"message","help","phrase"?}]}`. Handlers throw ApiError; the
 * server turns it into the body below. `phrase` appears on 500s only, as Asana's does.
 */
import { Prng } from './prng.ts';

export const ERROR_HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export const RATE_LIMIT_MESSAGE =
  "You've made too many requests and hit a rate limit. Please retry after the given amount of time.";

export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** 400 naming the parameter: `name: message`. */
export const badRequest = (param: string, message: string) => new ApiError(400, `${param}: ${message}`);
export const notAuthorized = () => new ApiError(401, 'Not Authorized');
export const paymentRequired = () =>
  new ApiError(402, 'Time tracking is not available on the plan of this workspace. Upgrade the workspace to use time tracking.');
export const addonRequired = () =>
  new ApiError(402, 'Timesheets and budgets are not available on the plan of this workspace. They need the Timesheets & Budgets add-on.');
export const forbidden = (message: string) => new ApiError(403, message);
export const unknownObject = (param: string, gid: string) => new ApiError(404, `${param}: Unknown object: ${gid}`);
export const noRoute = () => new ApiError(404, 'No matching route for request');

export interface ErrorBody {
  errors: Array<{ message: string; help: string; phrase?: string }>;
}

/** The JSON body for an error; 500s get a generated phrase. */
export function errorBody(status: number, message: string): ErrorBody {
  const error: { message: string; help: string; phrase?: string } = { message, help: ERROR_HELP };
  if (status === 500) error.phrase = nextPhrase();
  return { errors: [error] };
}

// "6 sad squid snuggle softly": number, adjective, plural noun, verb, adverb — Asana's style.
const ADJECTIVES = ['sad', 'happy', 'sleepy', 'brave', 'fuzzy', 'quiet', 'eager', 'lucky', 'grumpy', 'shiny', 'clever', 'gentle'];
const NOUNS = ['squid', 'otters', 'pandas', 'llamas', 'falcons', 'koalas', 'geckos', 'walruses', 'badgers', 'herons', 'lemurs', 'yaks'];
const VERBS = ['snuggle', 'dance', 'wander', 'whistle', 'ponder', 'giggle', 'juggle', 'paddle', 'scribble', 'tumble', 'hum', 'bake'];
const ADVERBS = ['softly', 'boldly', 'quickly', 'gracefully', 'loudly', 'calmly', 'wildly', 'sweetly', 'gently', 'oddly', 'happily', 'rarely'];
const phraseRng = new Prng(0x9e3779b9);

/** A fresh error phrase (deterministic sequence per process). */
export function nextPhrase(): string {
  return `${phraseRng.int(2, 99)} ${phraseRng.pick(ADJECTIVES)} ${phraseRng.pick(NOUNS)} ${phraseRng.pick(VERBS)} ${phraseRng.pick(ADVERBS)}`;
}
