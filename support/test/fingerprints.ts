import type { EngineFingerprint } from '../engine/fingerprint';

/** An engine's fingerprint for tests of the reports: a local Docker Engine, `overrides` aside. */
export function aFingerprint(overrides: Partial<EngineFingerprint> = {}): EngineFingerprint {
  return {
    product: 'Docker Engine',
    serverVersion: '20.10',
    apiVersion: '1.41',
    minApiVersion: '1.12',
    os: 'linux',
    arch: 'amd64',
    kernel: '6',
    hostName: 'h',
    storageDriver: 'overlay2',
    imageStore: 'classic',
    cgroupVersion: '2',
    limits: { memory: true, pids: true },
    rootless: false,
    dataRoot: '/d',
    swarm: 'inactive',
    endpoint: 'unix:///s',
    endpointSource: 'DOCKER_HOST',
    sameMachine: true,
    local: true,
    ...overrides,
  } as EngineFingerprint;
}
