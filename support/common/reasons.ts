/**
 * Why the kit could not verify something, as data: a code and its parameters, never a
 * sentence. Each edition of the reports says it in its language (reports/reasons-en.ts,
 * reports/i18n/reasons-pt.ts); `said` is always someone else's words (the engine's answer, a
 * tool's error), shown as recorded. A reason is JSON: it travels in the run's context, in a
 * scenario's records and in conformance.json.
 */
export type Reason =
  /** @online without KIT_ONLINE. */
  | { code: 'offline' }
  | { code: 'unknown-need'; tag: string }
  | { code: 'no-registry'; why: Reason }
  | { code: 'registry-not-the-kits' }
  | { code: 'registry-not-started-yet' }
  | { code: 'registry-failed'; notHere?: RegistryNotHere; attempts: RegistryAttempt[] }
  | { code: 'registry-pull-refused'; address: string; said: string; podmanPlainHttp: boolean }
  | { code: 'no-buildkit'; why: Reason }
  | { code: 'podman-builds-with-buildah' }
  | { code: 'cli-without-buildx' }
  | { code: 'helper-refused'; said: string }
  | { code: 'ports-unreachable'; why: Reason }
  | { code: 'rootless-host'; engine: string }
  | { code: 'not-across'; kitStands: string }
  | { code: 'not-root-for-nat' }
  | { code: 'not-swarm-manager'; swarm: string }
  | { code: 'no-swarm-peer' }
  | { code: 'no-mirror' }
  | {
      code: 'no-limit';
      limit: 'memory' | 'pids';
      cgroupVersion: string;
      controllers?: string;
      rootlessOnV1: boolean;
    }
  | { code: 'storage-unreadable'; why: Reason }
  | { code: 'storage-driver-unknown'; driver: string; imageStore: string; known: string[] }
  | { code: 'storage-needs-root'; path: string }
  | { code: 'engine-stopped'; endpoint: string; claim: string; secondsIntoRun: number }
  | { code: 'veth-peer-elsewhere'; peer: string; container: string }
  | { code: 'port-unanswered'; port: number; url: string; from: ObservedFrom; seconds: number; said: string }
  | { code: 'set-up-refused'; command: string; said: string }
  /** Words of another (an earlier kit's English sentence, an error's message), as recorded. */
  | { code: 'said'; text: string };

export type ReasonCode = Reason['code'];

/**
 * Where an observation of the engine's host or a published port was made from: this machine
 * (the kit's own process), the engine's host through the kit's helper container, or the
 * kit's process at the engine's address. Each report says it in its language.
 */
export type ObservedFrom = 'this-machine' | 'helper' | 'engine-address';

/** Why the kit's registry is not the binary on this machine: none on PATH, or the kit is not on the engine's host. */
export type RegistryNotHere = { noBinary: true } | { kitStands: string };

/** One way the kit tried to start its registry, and how it failed. */
export type RegistryAttempt =
  | { step: 'no-binary-to-import' }
  | { step: 'import'; binary: string; said: string }
  | { step: 'pull'; image: string; said: string }
  | { step: 'pull-brought-nothing'; image: string }
  | { step: 'start'; image: string; said: string }
  | { step: 'binary-start'; binary: string; said: string };

/** Every reason code, for the check that each edition says each one. */
export const REASON_CODES: readonly ReasonCode[] = [
  'offline',
  'unknown-need',
  'no-registry',
  'registry-not-the-kits',
  'registry-not-started-yet',
  'registry-failed',
  'registry-pull-refused',
  'no-buildkit',
  'podman-builds-with-buildah',
  'cli-without-buildx',
  'helper-refused',
  'ports-unreachable',
  'rootless-host',
  'not-across',
  'not-root-for-nat',
  'not-swarm-manager',
  'no-swarm-peer',
  'no-mirror',
  'no-limit',
  'storage-unreadable',
  'storage-driver-unknown',
  'storage-needs-root',
  'engine-stopped',
  'veth-peer-elsewhere',
  'port-unanswered',
  'set-up-refused',
  'said',
];

/** What is unavailable, and the reason it is. */
export type Unavailable = { unavailable: Reason };
