import type { Reason } from '../common/reasons';
import type { RunContext } from './run-context';

/**
 * Why a scenario cannot run on this engine, from its `@needs:…` and `@online` tags, or
 * undefined when everything it needs is there. The reason becomes the skip's record.
 */
export function unmetNeed(tags: readonly string[], context: RunContext): Reason | undefined {
  for (const tag of tags) {
    switch (tag) {
      case '@needs:registry':
        if ('unavailable' in context.registry)
          return { code: 'no-registry', why: context.registry.unavailable };
        break;
      case '@needs:buildkit':
        if ('unavailable' in context.builders.buildkit)
          return { code: 'no-buildkit', why: context.builders.buildkit.unavailable };
        break;
      case '@needs:registry-log':
        if ('unavailable' in context.registry)
          return { code: 'no-registry', why: context.registry.unavailable };
        if (!context.registry.accessLog) return { code: 'registry-not-the-kits' };
        break;
      case '@needs:engine-host': {
        const { standpoint } = context;
        if ('unavailable' in standpoint.host) return standpoint.host.unavailable;
        if (standpoint.topology === 'rootless') return { code: 'rootless-host', engine: standpoint.describe };
        break;
      }
      case '@needs:your-machine':
        if (!context.standpoint.yourMachine)
          return { code: 'not-across', kitStands: context.standpoint.topology };
        break;
      case '@needs:root':
        // Through the helper container the engine reads its host as root; here, only root can.
        if (
          'reader' in context.standpoint.host &&
          context.standpoint.host.reader === 'local' &&
          process.getuid?.() !== 0
        )
          return { code: 'not-root-for-nat' };
        break;
      case '@needs:swarm-manager':
        if (context.engine.swarm !== 'manager')
          return { code: 'not-swarm-manager', swarm: context.engine.swarm };
        break;
      case '@needs:registry-mirror':
        if ('unavailable' in context.mirror) return context.mirror.unavailable;
        break;
      case '@needs:swarm-peer':
        if ('unavailable' in context.swarmPeer) return context.swarmPeer.unavailable;
        break;
      case '@needs:memory-limit':
      case '@needs:pids-limit': {
        const limit = tag === '@needs:memory-limit' ? 'memory' : 'pids';
        const { limits, cgroupVersion, rootless } = context.engine;
        if (!limits[limit]) {
          return {
            code: 'no-limit',
            limit,
            cgroupVersion: String(cgroupVersion),
            ...(limits.controllers ? { controllers: String(limits.controllers) } : {}),
            rootlessOnV1: Boolean(rootless) && cgroupVersion === '1',
          };
        }
        break;
      }
      case '@needs:storage-access':
        if ('unavailable' in context.storage) return context.storage.unavailable;
        break;
      case '@online':
        if (!context.online) return { code: 'offline' };
        break;
      default:
        if (tag.startsWith('@needs:')) return { code: 'unknown-need', tag };
    }
  }
  return undefined;
}

/** The claim a scenario verifies: its first `@claim:ID` tag. */
export function claimOf(tags: readonly string[]): string {
  return tags.find((tag) => tag.startsWith('@claim:'))?.slice('@claim:'.length) ?? 'no claim tag';
}

/** The start of the log line that says in English why a scenario was skipped (its record says it as data). */
export const SKIP_PREFIX = 'Skipped: ';
