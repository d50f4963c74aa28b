import { join } from 'node:path';

/**
 * The kit's runs for itself, and where each writes its reports: a folder of its own under the
 * reports folder, never over the user's own run (conformance.json, cucumber.ndjson, the book).
 */
export const OWN_FOLDERS = {
  falsified: join('self-test', 'falsified'),
  'flaky-drill': join('self-test', 'flaky-drill'),
  'dry-run': join('self-test', 'dry-run'),
  bench: 'bench',
  lab: 'lab',
} as const;
export type OwnRun = keyof typeof OWN_FOLDERS;

/**
 * The cucumber profiles that are the kit's self-tests, not a verdict on the engine, with the
 * command that runs each into its own folder. Their reports are refused wherever verdicts are read.
 */
export const SELF_TEST_PROFILES: Record<string, { runner: string; why: string }> = {
  falsified: { runner: 'npm run test:falsified', why: 'its scenarios are falsified twins, made to fail' },
  'flaky-drill': {
    runner: 'npm run test:flaky-drill',
    why: 'its first attempts fail on purpose, to drill how reports show a flaky scenario',
  },
};

/** The environment variable a self-test's runner sets for the run it starts, naming its profile. */
export const SELF_TEST_ENV = 'KIT_SELF_TEST';

/** The self-test profile among `profiles`, if any. */
export function selfTestProfile(profiles: readonly string[]): string | undefined {
  return profiles.find((p) => p in SELF_TEST_PROFILES);
}

/**
 * Why a run of this selection is not a conformance run (its verdicts are not the engine's), or
 * undefined when it is one.
 */
export function notAConformanceRun(selection: { profiles: readonly string[] }): string | undefined {
  const profile = selfTestProfile(selection.profiles);
  if (!profile) return undefined;
  return `it is a run of the kit's self-test profile "${profile}" (${SELF_TEST_PROFILES[profile]?.why}), not a verdict on the engine`;
}
