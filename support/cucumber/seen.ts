import type { ApiAnswer } from '../scenario/containers';
import type { NatRules } from '../scenario/host-view';
import type { ImageLayers } from '../scenario/images';
import type { PortHolder } from '../scenario/ports';
import type { CliRun } from '../scenario/recorder';
import type { RegistryRequest } from '../scenario/registry';

/** What was seen of the first and of the second of two. */
type Pair<T> = [first: T, second: T];

/** What a scenario's steps observed, for later steps to judge: each field typed as it was seen. */
export interface Seen {
  /** The image a scenario chose or made, by reference. */
  image: string;
  /** An image of the scenario's own that is (or is to be) in the registry. */
  registryImage: string;
  /** The reference an image came back under (pulled from the registry, or loaded from a file). */
  cameBackAs: string;
  /** The last docker command the scenario ran with the real CLI. */
  lastCommand: CliRun;
  /** The Engine API's answer to a create. */
  apiAnswer: ApiAnswer;
  /** A file written or a process started, to look for later. */
  marker: string;
  /** A container's image before the container changed anything. */
  imageBefore: ImageLayers;
  /** The bytes in a container's writable layer before a file was written. */
  writableBefore: number;
  listedRunning: string[];
  listedAll: string[];
  /** A container's main process: its PID on the host and its command, as the engine reports them. */
  hostPid: number;
  command: string;
  /** What a container sees from inside. */
  hostname: string;
  rootDirectory: string[];
  processList: string;
  nodeFound: string;
  kernel: string;
  interfacesInside: string[];
  socketsInside: number[];
  /** The ID the CLI found for a reference, or why it found none. */
  found: string;
  imagesListed: string[];
  dockerfile: string;
  history: string;
  /** What the registry served during the last command, from its log (where the kit has its log). */
  registryRequests: RegistryRequest[];
  /** The registry's requests for the pushes and pulls of two images (first, second), and their layers there. */
  transfers: { pushes: Pair<RegistryRequest[]>; pulls: Pair<RegistryRequest[]>; layers: Pair<string[]> };
  defaultRun: string;
  overrideRun: string;
  portHolder: PortHolder;
  attachedTo: string[];
  address: string;
  /** What a client got for its request. */
  answer: string;
  nat: NatRules;
  traffic: { veth: number; outward: number };
  tries: { byName: string; byAddress: string; byNameAfterJoining: string };
  networkAlias: string;
  resolvedBoth: { byName: string; byAlias: string };
  resolved: string;
  resolvers: { custom: string[]; onDefault: string[] };
  addresses: { old: string; new: string };
}

/** What each observation's absence means: the step the scenario has not taken yet. */
export const NOT_SEEN: { [K in keyof Seen]-?: string } = {
  image: 'no image has been chosen in this scenario yet',
  registryImage: 'no image has been put into the registry in this scenario',
  cameBackAs: 'no image has come back from the registry or from a file in this scenario',
  lastCommand: 'no docker command has run in this scenario yet',
  apiAnswer: 'no Engine API call has been made in this scenario',
  marker: 'nothing has been written or started to look for in this scenario',
  imageBefore: "the image's layers were not looked at before the change",
  writableBefore: "the container's writable layer was not measured before the write",
  listedRunning: 'the containers have not been listed with `docker ps`',
  listedAll: 'the containers have not been listed with `docker ps -a`',
  hostPid: 'the engine has not been asked for a host PID in this scenario',
  command: "the engine has not been asked for the container's command",
  hostname: 'the hostname has not been looked at from inside',
  rootDirectory: 'the root directory has not been looked at from inside',
  processList: 'the process list has not been looked at from inside',
  nodeFound: 'nothing has looked for node inside',
  kernel: 'the kernel release has not been looked at from inside',
  interfacesInside: 'no container has listed its network interfaces',
  socketsInside: 'no container has listed its listening sockets',
  found: 'no reference has been looked up',
  imagesListed: 'the images have not been listed',
  dockerfile: 'no Dockerfile has been written in this scenario',
  history: '`docker image history` has not been looked at',
  transfers: 'the images have not been pushed and pulled',
  registryRequests:
    "the registry's log was not read around a command (the kit reads only its own registry's)",
  defaultRun: 'the image has not been run without a command',
  overrideRun: 'the image has not been run with a command',
  portHolder: 'no program holds a host port in this scenario',
  attachedTo: "the container's networks have not been looked at",
  address: "the container's address has not been looked at",
  answer: 'no client has made a request in this scenario',
  nat: "the host's NAT rules have not been listed",
  traffic: "the host's interfaces have not been measured around a transfer",
  tries: 'the client has not tried to reach the server',
  networkAlias: 'no network alias has been given in this scenario',
  resolvedBoth: 'no container has resolved the names',
  resolved: 'no container has resolved a name',
  resolvers: 'no container has shown its resolver configuration',
  addresses: 'the server has not been recreated',
};
