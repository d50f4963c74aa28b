import type Docker from 'dockerode';
import type { NameMaker } from '../hygiene/names';
import type { Reach } from '../run/reach';
import type { RunContext } from '../run/run-context';
import type { Recorder } from './recorder';

/** What every part of a scenario's engine layer shares: the engine, the run, the recorder, the names, the engine's host. */
export interface Parts {
  docker: Docker;
  context: RunContext;
  recorder: Recorder;
  names: NameMaker;
  /** Where the kit stands, as behaviour: the engine's host, published ports, your machine (see run/reach.ts). */
  reach: Reach;
}
