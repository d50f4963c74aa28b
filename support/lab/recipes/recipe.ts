import type { EngineKind } from '../kinds';
import type { LabEngine } from '../lab-engine';

/**
 * How one product becomes a lab engine. The engine's root filesystem is its kind's suite;
 * the lab makes the namespaces, starts the command in them, waits for the API and takes the
 * engine down. A recipe says the rest.
 */
export interface Recipe {
  /** What the engine needs from the host, which the lab provides. */
  needs: {
    /** The unified cgroup hierarchy (cgroup v2) as its /sys/fs/cgroup: the host's, or on a hybrid host its empty unified one. */
    cgroupV2: boolean;
    /** The CA of the kit's registry in /etc/containers/certs.d (an engine that trusts no plain-HTTP registry on loopback). */
    registryCa: boolean;
  };
  /**
   * Lays out the engine's configuration (in its writable layer) and the clients the kit drives
   * it with (writeClients), and returns the command that starts it inside its root filesystem.
   */
  prepare(engine: LabEngine, kind: EngineKind): Promise<string[]>;
  /** What to do when an engine it made is not what its kind's name says (another release, say). */
  whenMisnamed(kind: EngineKind): string;
  /** Removes what the engine leaves outside its namespaces and folders, once its processes are gone. */
  cleanUp(engine: LabEngine, problems: string[]): void;
}
