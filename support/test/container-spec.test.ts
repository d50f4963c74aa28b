import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ContainerOption,
  type ContainerSpec,
  containerSpec,
  createBody,
  runArgs,
  withCmd,
  withEnv,
  withHostPidNamespace,
  withLink,
  withMemoryLimit,
  withNetwork,
  withPidsLimit,
  withPublishedPort,
  withVolume,
} from '../scenario/container-spec';

/**
 * Every option, with the `docker run` arguments a user types for it and what the docker CLI
 * sends the Engine API for those arguments (moby's `runconfig` and the CLI's `opts` parse them
 * so). The kit shows the first in transcripts and sends the second: both renderings of one
 * spec must say the same.
 */
const TABLE: { name: string; option: ContainerOption; args: string[]; api: object }[] = [
  {
    name: 'a command',
    option: withCmd('sleep', '5'),
    args: ['img', 'sleep', '5'],
    api: { Cmd: ['sleep', '5'] },
  },
  {
    name: 'an environment variable',
    option: withEnv('PORT', 8080),
    args: ['-e', 'PORT=8080'],
    api: { Env: ['KIT_CONTAINER=n', 'PORT=8080'] },
  },
  {
    name: 'a published port on all interfaces',
    option: withPublishedPort(8000, 80),
    args: ['-p', '8000:80'],
    api: {
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8000' }] } },
    },
  },
  {
    name: 'a published port on one address',
    option: withPublishedPort(8001, 80, '127.0.0.1'),
    args: ['-p', '127.0.0.1:8001:80'],
    api: { HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8001' }] } } },
  },
  {
    name: 'a volume',
    option: withVolume('data', '/data'),
    args: ['-v', 'data:/data'],
    api: { HostConfig: { Binds: ['data:/data'] } },
  },
  {
    name: 'a memory limit (swap included)',
    option: withMemoryLimit(16 * 1024 * 1024),
    args: ['--memory', '16777216b', '--memory-swap', '16777216b'],
    api: { HostConfig: { Memory: 16777216, MemorySwap: 16777216 } },
  },
  {
    name: 'a process limit',
    option: withPidsLimit(5),
    args: ['--pids-limit', '5'],
    api: { HostConfig: { PidsLimit: 5 } },
  },
  {
    name: "the host's PID namespace",
    option: withHostPidNamespace(),
    args: ['--pid', 'host'],
    api: { HostConfig: { PidMode: 'host' } },
  },
  {
    name: 'the host network',
    option: withNetwork('host'),
    args: ['--network', 'host'],
    api: { HostConfig: { NetworkMode: 'host' } },
  },
  {
    name: 'a network with an alias',
    option: withNetwork('app', 'backend'),
    args: ['--network', 'app', '--network-alias', 'backend'],
    api: {
      HostConfig: { NetworkMode: 'app' },
      NetworkingConfig: { EndpointsConfig: { app: { Aliases: ['backend'] } } },
    },
  },
  {
    name: 'a link',
    option: withLink('server', 'web'),
    args: ['--link', 'server:web'],
    api: { HostConfig: { Links: ['server:web'] } },
  },
];

/** Whether `whole` holds every field of `part`, recursively. */
function holds(whole: unknown, part: unknown): boolean {
  if (part === null || typeof part !== 'object') return whole === part;
  if (Array.isArray(part)) return JSON.stringify(whole) === JSON.stringify(part);
  return Object.entries(part).every(([key, value]) =>
    holds((whole as Record<string, unknown>)?.[key], value),
  );
}

/** Whether `args` holds `wanted` as one run of consecutive arguments. */
function contiguous(args: string[], wanted: string[]): boolean {
  return args.some((_, i) => wanted.every((w, j) => args[i + j] === w));
}

describe('a container spec, rendered for the CLI and for the Engine API', () => {
  const labels = { 'docker-conformance-kit.run': 'r1' };

  for (const row of TABLE) {
    it(`says the same both ways: ${row.name}`, () => {
      const spec = containerSpec('n', 'img', [row.option]);
      const args = runArgs(spec, labels);
      const body = createBody(spec, labels);
      assert.ok(contiguous(args, row.args), `docker run ${args.join(' ')} lacks ${row.args.join(' ')}`);
      assert.ok(
        holds(body, row.api),
        `the API body ${JSON.stringify(body)} lacks ${JSON.stringify(row.api)}`,
      );
    });
  }

  it('names, labels and marks the container with its name, the image last but for its command, both ways', () => {
    const spec = containerSpec('n', 'img', [withCmd('sh')]);
    assert.deepEqual(runArgs(spec, labels), [
      '--name',
      'n',
      '--label',
      'docker-conformance-kit.run=r1',
      '-e',
      'KIT_CONTAINER=n',
      'img',
      'sh',
    ]);
    assert.ok(
      holds(createBody(spec, labels), { name: 'n', Image: 'img', Labels: labels, Env: ['KIT_CONTAINER=n'] }),
    );
  });

  it('has a row for every field an option can set', () => {
    const plain = containerSpec('n', 'img', []);
    const changed = new Set<keyof ContainerSpec>();
    for (const row of TABLE) {
      const spec = containerSpec('n', 'img', [row.option]);
      for (const key of Object.keys(spec) as (keyof ContainerSpec)[]) {
        if (JSON.stringify(spec[key]) !== JSON.stringify(plain[key])) changed.add(key);
      }
    }
    const settable = (Object.keys(plain) as (keyof ContainerSpec)[]).filter(
      (k) => !['image', 'name'].includes(k),
    );
    const optional: (keyof ContainerSpec)[] = ['cmd', 'memoryBytes', 'pidsLimit', 'hostPid', 'network'];
    for (const key of [...settable, ...optional]) assert.ok(changed.has(key), `no row sets ${key}`);
  });
});
