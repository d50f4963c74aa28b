import type Docker from 'dockerode';
import type { CleanupStack } from './cleanup';
import type { Labels } from './labels';
import type { NameMaker } from './names';
import type { RunContext } from './run-context';
import type { Transcript } from './transcript';

/** What a helper needs to act on the engine for one scenario, and to undo it afterwards. */
export interface Scope {
  docker: Docker;
  context: RunContext;
  transcript: Transcript;
  cleanup: CleanupStack;
  names: NameMaker;
  /** The labels every object of this scenario carries. */
  labels: Labels;
  /** The claim the scenario verifies (its first `@claim:` tag), named by every failure. */
  claim: string;
}
