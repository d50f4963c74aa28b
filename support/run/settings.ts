import { SetupError } from '../common/errors';
import { requireUsableEndpoint, resolveEndpoint } from '../engine/endpoint';
import { checkEngineId } from './bundle-facts';

type Env = Readonly<Record<string, string | undefined>>;

/** A whole number of at least 1 from `name`, or `fallback` when it is unset; anything else is refused. */
export function countSetting(env: Env, name: string, fallback: number, meaning: string): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9][0-9]*$/.test(value.trim())) {
    throw new SetupError(
      `${name}="${value}" is not a count of ${meaning}.`,
      `Set it to a whole number, 1 or more, or unset it for the default (${fallback}).`,
    );
  }
  return Number(value.trim());
}

/** A switch that is on only as `1`; `0` or unset is off; anything else is refused rather than guessed. */
export function switchSetting(env: Env, name: string, what: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  throw new SetupError(`${name}="${value}" is neither 1 nor 0.`, `Set ${name}=1 to ${what}, or unset it.`);
}

/** Checks the kit's own settings before anything touches the engine, so a typo is one line, not a broken run. */
export function checkSettings(env: Env = process.env): void {
  countSetting(env, 'KIT_PARALLEL', 2, 'parallel workers');
  switchSetting(env, 'KIT_ONLINE', 'run the @online scenarios');
  checkEngineId(env);
  countSetting(env, 'KIT_ENGINE_WAIT', 30, 'seconds to wait for an engine that stopped answering');
  requireUsableEndpoint(resolveEndpoint(env));
}
