import type { Container } from './container';
import { type ContainerOption, withNetwork } from './container-spec';
import { waitUntilServing } from './probes';
import type { ScenarioEngine } from './scenario-engine';

/** A container of the web fixture on `network` (or the default bridge), serving on its port 80. */
export async function webServerOn(
  engine: ScenarioEngine,
  network?: string,
  ...aliases: string[]
): Promise<Container> {
  const options: ContainerOption[] = network ? [withNetwork(network, ...aliases)] : [];
  const server = await engine.containers.run('server', engine.context.fixtures.web, ...options);
  await waitUntilServing(server);
  return server;
}

/** A container that waits forever, on `network` or the default bridge: something to look from. */
export function idleOn(
  engine: ScenarioEngine,
  alias: string,
  network?: string,
  ...aliases: string[]
): Promise<Container> {
  const options: ContainerOption[] = network ? [withNetwork(network, ...aliases)] : [];
  return engine.containers.run(alias, engine.context.fixtures.idle, ...options);
}
