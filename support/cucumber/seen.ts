import type { ImageLayers } from '../scenario/images';
import type { PortHolder } from '../scenario/ports';
import type { CliRun } from '../scenario/recorder';

/**
 * What several concepts' steps observed, for later steps to judge: each field typed as it was
 * seen. What one concept alone sees is a record of its own, beside its steps (conceptObservations).
 */
export interface Seen {
  /** The image a scenario chose or made, by reference. */
  image: string;
  /** The reference an image came back under (pulled from the registry, or loaded from a file). */
  cameBackAs: string;
  /** The last docker command the scenario ran with the real CLI. */
  lastCommand: CliRun;
  /** A file written or a process started, to look for later. */
  marker: string;
  /** A container's image before the container changed anything. */
  imageBefore: ImageLayers;
  /** A program that is not a container, holding a host port. */
  portHolder: PortHolder;
  /** What a client got for its request. */
  answer: string;
}

/** What each observation's absence means: the step the scenario has not taken yet. */
export const NOT_SEEN: { [K in keyof Seen]-?: string } = {
  image: 'no image has been chosen in this scenario yet',
  cameBackAs: 'no image has come back from the registry or from a file in this scenario',
  lastCommand: 'no docker command has run in this scenario yet',
  marker: 'nothing has been written or started to look for in this scenario',
  imageBefore: "the image's layers were not looked at before the change",
  portHolder: 'no program holds a host port in this scenario',
  answer: 'no client has made a request in this scenario',
};
