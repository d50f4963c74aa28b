import type Docker from 'dockerode';
import type { NameMaker } from '../hygiene/names';
import type { RunContext } from '../run/run-context';
import type { Recorder } from './recorder';

/** What every part of a scenario's engine layer shares: the engine, the run, the recorder, the names. */
export interface Parts {
  docker: Docker;
  context: RunContext;
  recorder: Recorder;
  names: NameMaker;
}
