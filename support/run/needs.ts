import type { RunContext } from './run-context';

/**
 * Why a scenario cannot run on this engine, from its `@needs:…` and `@online` tags, or
 * undefined when everything it needs is there. The reason becomes the skip's message.
 */
export function unmetNeed(tags: readonly string[], context: RunContext): string | undefined {
  for (const tag of tags) {
    switch (tag) {
      case '@needs:registry':
        if ('unavailable' in context.registry) return `no registry: ${context.registry.unavailable}`;
        break;
      case '@needs:buildkit':
        if ('unavailable' in context.builders.buildkit)
          return `no BuildKit: ${context.builders.buildkit.unavailable}`;
        break;
      case '@needs:registry-log':
        if ('unavailable' in context.registry) return `no registry: ${context.registry.unavailable}`;
        if (!context.registry.accessLog) {
          return "the registry is KIT_REGISTRY's, not the kit's own: the kit cannot read from its log which blobs moved";
        }
        break;
      case '@needs:engine-host': {
        const { standpoint } = context;
        if ('unavailable' in standpoint.host) return standpoint.host.unavailable;
        if (standpoint.topology === 'rootless') {
          return `the engine is rootless (${standpoint.describe}): its host network and files are rootlesskit's, which the kit cannot look at, and this scenario compares that host with what a container sees`;
        }
        break;
      }
      case '@needs:your-machine':
        if (!context.standpoint.yourMachine) {
          return `the kit is not across a boundary from the engine (${context.standpoint.topology}): your machine's ports are not another's than the engine host's, which the scenarios on the engine's host look at`;
        }
        break;
      case '@needs:root':
        // Through the helper container the engine reads its host as root; here, only root can.
        if (
          'reader' in context.standpoint.host &&
          context.standpoint.host.reader === 'local' &&
          process.getuid?.() !== 0
        )
          return "the kit does not run as root, so it cannot read the host's NAT rules";
        break;
      case '@needs:swarm-manager':
        if (context.engine.swarm !== 'manager') {
          return `the engine is not a swarm manager (swarm: ${context.engine.swarm}); the kit does not turn swarm mode on`;
        }
        break;
      case '@needs:registry-mirror':
        if ('unavailable' in context.mirror) return context.mirror.unavailable;
        break;
      case '@needs:swarm-peer':
        if ('unavailable' in context.swarmPeer) return context.swarmPeer.unavailable;
        break;
      case '@needs:memory-limit':
      case '@needs:pids-limit': {
        const [what, field] =
          tag === '@needs:memory-limit' ? ['memory', 'MemoryLimit'] : ['pids', 'PidsLimit'];
        const { limits, cgroupVersion, rootless } = context.engine;
        if (!limits[what as 'memory' | 'pids']) {
          const why = limits.controllers
            ? `its cgroup hierarchy (v${cgroupVersion}) has no ${what} controller, only: ${limits.controllers}`
            : `it reports ${field} false${rootless && cgroupVersion === '1' ? ': a rootless engine on cgroup v1 has no cgroups' : ''}`;
          return `the engine can neither set nor enforce a ${what === 'memory' ? 'memory' : 'PIDs'} limit here (${why})`;
        }
        break;
      }
      case '@needs:storage-access':
        if ('unavailable' in context.storage) return context.storage.unavailable;
        break;
      case '@online':
        if (!context.online)
          return 'offline: this scenario needs Docker Hub; set KIT_ONLINE=1 where the machine reaches it';
        break;
      default:
        if (tag.startsWith('@needs:')) return `the kit does not know the need ${tag}`;
    }
  }
  return undefined;
}

/** The claim a scenario verifies: its first `@claim:ID` tag. */
export function claimOf(tags: readonly string[]): string {
  return tags.find((tag) => tag.startsWith('@claim:'))?.slice('@claim:'.length) ?? 'no claim tag';
}

/** The prefix of the log line that gives a skip's reason; the conformance summary reads it. */
export const SKIP_PREFIX = 'Skipped: ';

/** A skip's reason that says the scenario was not run at all (the engine went away): the summary calls it `not run`. */
export const NOT_RUN_PREFIX = 'not run: ';
