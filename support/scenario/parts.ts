import type Docker from 'dockerode';
import type { HostAccess } from '../host/host-access';
import type { NameMaker } from '../hygiene/names';
import type { RunContext } from '../run/run-context';
import type { Recorder } from './recorder';

/** What every part of a scenario's engine layer shares: the engine, the run, the recorder, the names, the engine's host. */
export interface Parts {
  docker: Docker;
  context: RunContext;
  recorder: Recorder;
  names: NameMaker;
  /** The engine's host, as the run reads it (see run/standpoint.ts), or why it cannot. */
  host: HostAccess | { unavailable: string };
}
