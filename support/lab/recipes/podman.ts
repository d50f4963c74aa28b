import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabEngine, removeCgroup, writeClients, writeInside } from '../lab-engine';
import type { Recipe } from './recipe';
import { isObject, jsonSetting } from './user-settings';

/** Where Podman's cgroupfs manager puts its containers' cgroups, under each hierarchy. */
const LIBPOD_PARENT = 'libpod_parent';

/**
 * Podman from a Debian suite serving the Docker-compatible API (`podman system service`),
 * driven with the suite's docker CLI. Podman trusts no plain-HTTP registry, loopback
 * included: it gets the kit's registry CA.
 */
export const podman: Recipe = {
  needs: { cgroupV2: false, registryCa: true },
  async prepare(engine) {
    writeClients(engine, join(engine.rootfs, 'usr', 'bin', 'docker'));
    engine.libpodParentExisted = existsSync(join(cgroupRoot(engine), LIBPOD_PARENT));
    // Podman in a chroot here: cgroupfs, events in a file, runc (crun refuses hybrid cgroups),
    // and ulimits no higher than ours (runc may not raise them).
    writeConf(engine, ['runtime = "runc"'], []);
    return service(engine);
  },
  whenMisnamed: (kind) =>
    `Debian's ${kind.suite} now ships another release: give it a kind of its own in support/lab/kinds.ts.`,
  cleanUp: podmanCleanUp,
};

/**
 * Podman 6, which refuses cgroup v1: it gets the unified hierarchy, and crun (runc fails there
 * on a missing pids.max). On a hybrid host that hierarchy has no controllers, so no process
 * limit is set by default (the engine reports what it can limit; scenarios that need a limit
 * are skipped with that reason).
 */
export const podmanCgroupV2: Recipe = {
  needs: { cgroupV2: true, registryCa: true },
  async prepare(engine) {
    writeClients(engine, join(engine.rootfs, 'usr', 'bin', 'docker'));
    engine.libpodParentExisted = existsSync(join(cgroupRoot(engine), LIBPOD_PARENT));
    onUnifiedHierarchy(engine);
    return service(engine);
  },
  whenMisnamed: (kind) =>
    `Debian's ${kind.suite} now ships another release: give it a kind of its own in support/lab/kinds.ts.`,
  cleanUp: podmanCleanUp,
};

/**
 * Podman 6's configuration on the unified hierarchy, as root or rootless: crun (runc fails on
 * its missing pids.max), no default PIDs limit, what its containers' cgroups can limit (Podman
 * reports PidsLimit on any cgroup v2, with a pids controller or without one: a hybrid host's
 * unified hierarchy has none), and the cgroups there before it came up.
 */
export function onUnifiedHierarchy(engine: LabEngine): void {
  engine.env.KIT_CGROUP_CONTROLLERS = readFileSync(
    join(cgroupRoot(engine), 'cgroup.controllers'),
    'utf8',
  ).trim();
  writeConf(engine, ['runtime = "crun"'], ['pids_limit = 0']);
  rememberUnifiedCgroups(engine);
}

/**
 * Podman 6 on a unified hierarchy whose root holds processes makes cgroups of its own there
 * and moves the root's processes, the host's own among them, into one (`init`, so that the
 * root may delegate controllers; also one under its own process's cgroup path). Taking the
 * engine down puts them back: the cgroups there before it came up are remembered.
 */
function rememberUnifiedCgroups(engine: LabEngine): void {
  engine.unifiedCgroupsBefore = cgroupsUnder(cgroupRoot(engine));
}

/** Moves the processes of the cgroups the engine made on the unified hierarchy back to its root, and removes those cgroups. */
export function restoreUnifiedCgroups(engine: LabEngine, problems: string[]): void {
  if (!engine.unifiedCgroupsBefore) return;
  const root = cgroupRoot(engine);
  const before = new Set(engine.unifiedCgroupsBefore);
  const made = cgroupsUnder(root)
    .filter((dir) => !before.has(dir))
    .sort((a, b) => b.length - a.length);
  for (const dir of made) {
    for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
      try {
        writeFileSync(join(root, 'cgroup.procs'), pid);
      } catch {
        // ended meanwhile
      }
    }
    try {
      rmdirSync(dir);
    } catch (error) {
      problems.push(`cgroup ${dir}: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
}

/** Every cgroup (folder) under `root`, at any depth. */
function cgroupsUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [join(root, entry.name), ...cgroupsUnder(join(root, entry.name))]);
}

/** The host's path of the cgroup hierarchy the engine sees as /sys/fs/cgroup. */
function cgroupRoot(engine: LabEngine): string {
  const hybrid = engine.unifiedCgroup ? '/sys/fs/cgroup/unified' : '/sys/fs/cgroup/memory';
  return existsSync(hybrid) ? hybrid : '/sys/fs/cgroup';
}

type TomlValue = string | number | boolean | string[];
type ContainersConf = Record<string, Record<string, TomlValue>>;

/**
 * Settings of the user's for every lab Podman's containers.conf (KIT_LAB_CONTAINERS_CONF, a
 * JSON object of tables, as KIT_LAB_DAEMON_JSON is for Docker): a configuration to try, such as
 * `{"containers":{"utsns":"host"}}`. A key replaces the lab's own of the same table.
 */
export function extraContainersConf(): ContainersConf {
  const isSetting = (v: unknown) =>
    ['string', 'number', 'boolean'].includes(typeof v) ||
    (Array.isArray(v) && v.every((e) => typeof e === 'string'));
  const isTable = (t: unknown) => isObject(t) && Object.values(t).every(isSetting);
  return (
    jsonSetting<ContainersConf>(
      'KIT_LAB_CONTAINERS_CONF',
      (v) => isObject(v) && Object.values(v).every(isTable),
      'a JSON object of containers.conf tables',
      '{"containers":{"utsns":"host"}}',
    ) ?? {}
  );
}

const toml = (value: TomlValue): string =>
  Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value);

/**
 * /etc/containers/containers.conf in the engine's writable layer (rootless Podman reads it
 * too): cgroupfs, events in a file, ulimits no higher than ours, then `engineLines` and
 * `containerLines`, then the user's KIT_LAB_CONTAINERS_CONF.
 */
export function writeConf(engine: LabEngine, engineLines: string[], containerLines: string[]): void {
  // Podman 4 lowers its own process limit to 32768, and the runtime, below it, may not raise one.
  const limits = [
    ['nofile', 'n', Number.POSITIVE_INFINITY],
    ['nproc', 'u', 32768],
  ].flatMap(([name, flag, cap]) => {
    const hard = execFileSync('bash', ['-c', `ulimit -H${flag}`], { encoding: 'utf8' }).trim();
    const value = Math.min(Number(hard), cap as number);
    return /^\d+$/.test(hard) ? [`"${name}=${value}:${value}"`] : [];
  });
  const tables: Record<string, string[]> = {
    containers: [`default_ulimits = [${limits.join(', ')}]`, ...containerLines],
    engine: ['cgroup_manager = "cgroupfs"', 'events_logger = "file"', ...engineLines],
  };
  for (const [table, settings] of Object.entries(extraContainersConf())) {
    const own = (tables[table] ?? []).filter((line) => !((line.split(' = ')[0] ?? '') in settings));
    tables[table] = [...own, ...Object.entries(settings).map(([key, value]) => `${key} = ${toml(value)}`)];
  }
  const conf = Object.entries(tables)
    .flatMap(([table, lines]) => [`[${table}]`, ...lines])
    .concat('')
    .join('\n');
  writeInside(engine, '/etc/containers/containers.conf', conf);
}

function service(engine: LabEngine): string[] {
  return [
    'env',
    'PODMAN_IGNORE_CGROUPSV1_WARNING=1',
    'podman',
    '--root',
    join(engine.dataDir, 'storage'),
    '--runroot',
    '/run/containers/storage',
    'system',
    'service',
    '--time=0',
    engine.env.DOCKER_HOST as string,
  ];
}

/**
 * Podman's cgroups outlive a killed conmon: those of the engine's own containers (named in
 * its storage, which outlives the engine), and /libpod_parent when the engine made it.
 */
function podmanCleanUp(engine: LabEngine, problems: string[]): void {
  restoreUnifiedCgroups(engine, problems);
  const storage = join(engine.dataDir, 'storage');
  const ids = (existsSync(storage) ? readdirSync(storage) : [])
    .filter((dir) => dir.endsWith('-containers'))
    .flatMap((dir) => readdirSync(join(storage, dir)).filter((id) => /^[0-9a-f]{64}$/.test(id)));
  for (const id of ids) removeCgroup(join(LIBPOD_PARENT, `libpod-${id}`), problems, true);
  if (engine.libpodParentExisted === false) removeCgroup(LIBPOD_PARENT, problems, true);
}
