import { execa } from 'execa';
import type { LabEngine } from './lab-engine';

/**
 * A two-node swarm: the engines' network namespaces joined by a veth pair (10.214.0.1 and
 * .2), a swarm initialised on the first and joined by the second. The kit tests the first,
 * the manager, and reaches the second through KIT_SWARM_PEER.
 */
export async function joinSwarm(manager: LabEngine, worker: LabEngine): Promise<void> {
  const ip = (...args: string[]) => execa('ip', args, { stdin: 'ignore' });
  await ip(
    'link',
    'add',
    'swarm0',
    'netns',
    manager.netns,
    'type',
    'veth',
    'peer',
    'name',
    'swarm0',
    'netns',
    worker.netns,
  );
  for (const [engine, address] of [
    [manager, '10.214.0.1/24'],
    [worker, '10.214.0.2/24'],
  ] as const) {
    await ip('-n', engine.netns, 'addr', 'add', address, 'dev', 'swarm0');
    await ip('-n', engine.netns, 'link', 'set', 'swarm0', 'up');
  }
  const docker = (engine: LabEngine, ...args: string[]) =>
    execa(engine.env.KIT_DOCKER_CLI as string, args, {
      env: { ...process.env, ...engine.env },
      stdin: 'ignore',
    });
  await docker(manager, 'swarm', 'init', '--advertise-addr', '10.214.0.1');
  const token = (await docker(manager, 'swarm', 'join-token', '-q', 'worker')).stdout.trim();
  await docker(
    worker,
    'swarm',
    'join',
    '--token',
    token,
    '--advertise-addr',
    '10.214.0.2',
    '10.214.0.1:2377',
  );
}
