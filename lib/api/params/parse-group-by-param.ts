import { QueryParamError } from './query-param-error';

const MAX_KEY_LENGTH = 1024;

/** The attribute key of `?groupBy=` (absent: undefined). Empty, repeated or overlong is a 400 naming `groupBy`. */
export const parseGroupByParam = (params: URLSearchParams): string | undefined => {
  const values = params.getAll('groupBy');
  if (values.length === 0) return undefined;
  if (values.length > 1) throw new QueryParamError('groupBy', "malformed parameter 'groupBy': give one attribute key");
  const key = values[0];
  if (key.trim() === '') throw new QueryParamError('groupBy', "malformed parameter 'groupBy': an attribute key cannot be empty");
  if (key.length > MAX_KEY_LENGTH) throw new QueryParamError('groupBy', `malformed parameter 'groupBy': an attribute key is at most ${MAX_KEY_LENGTH} characters`);
  return key;
};
