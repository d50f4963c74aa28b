import { SetupError } from '../../common/errors';

/** Whether a value is a JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The user's settings for every lab engine of a product, as one JSON value in the variable
 * `name` (empty when unset), refused in one line when it does not parse or is not `what`.
 */
export function jsonSetting<T>(
  name: string,
  valid: (value: unknown) => boolean,
  what: string,
  example: string,
): T | undefined {
  const text = process.env[name];
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    value = (error as Error).message;
  }
  if (!valid(value)) {
    throw new SetupError(
      `${name} is not ${what} (${typeof value === 'string' ? value : JSON.stringify(value)}).`,
      `Give it ${what}, e.g. ${name}='${example}', or unset it.`,
    );
  }
  return value as T;
}
