import type Docker from 'dockerode';
import { sayReason } from '../common/reasons-en';
import { connectTo } from '../engine/endpoint';
import type { CleanupStack } from '../hygiene/cleanup';
import { type Labels, SCENARIO_LABEL } from '../hygiene/labels';
import type { NameMaker } from '../hygiene/names';
import { reachOf } from '../run/reach';
import type { RunContext } from '../run/run-context';
import { Containers } from './containers';
import { HostView } from './host-view';
import { type ImageNaming, Images } from './images';
import { Networks } from './networks';
import type { Parts } from './parts';
import { Ports } from './ports';
import { type CliRun, Recorder } from './recorder';
import { Registry } from './registry';
import type { Transcript } from './transcript';
import { createVolume, type Volume } from './volumes';

/**
 * A scenario's one way to the engine and the host: everything it does to them goes through
 * here, so it is labelled, undone when the scenario ends, and in its transcript.
 */
export class ScenarioEngine {
  readonly containers: Containers;
  readonly networks: Networks;
  readonly images: Images;
  readonly registry: Registry;
  readonly host: HostView;
  readonly ports: Ports;
  private readonly parts: Parts;

  constructor(
    docker: Docker,
    readonly context: RunContext,
    transcript: Transcript,
    cleanup: CleanupStack,
    readonly names: NameMaker,
    labels: Labels,
    /** The claim the scenario verifies, named by every failure. */
    readonly claim: string,
    /** Whether the step running now sets the scenario up (a Given): see fault.ts. */
    inSetUp: () => boolean = () => false,
  ) {
    const registry = 'address' in context.registry ? context.registry.address : undefined;
    const scene = { claim, endpoint: context.engine.endpoint, registry, inSetUp };
    this.parts = {
      docker,
      context,
      recorder: new Recorder(transcript, cleanup, labels, scene),
      names,
      reach: reachOf(docker, context.standpoint, context.registry),
    };
    this.containers = new Containers(this.parts);
    this.networks = new Networks(this.parts);
    this.images = new Images(this.parts);
    this.registry = new Registry(this.parts, this.images);
    this.host = new HostView(this.parts, this.containers, this.images);
    this.ports = new Ports(this.parts);
  }

  /** The label the scenario's objects carry (`w<worker>-s<index>`). */
  get scenarioLabel(): string {
    return this.parts.recorder.labels[SCENARIO_LABEL] ?? '';
  }

  get transcript(): Transcript {
    return this.parts.recorder.transcript;
  }

  /** Containers on another node of the engine's swarm (KIT_SWARM_PEER), and the base image there. */
  peer(): { containers: Containers; base: string } {
    const peer = this.context.swarmPeer;
    if ('unavailable' in peer) throw new Error(sayReason(peer.unavailable));
    const parts = {
      ...this.parts,
      docker: connectTo(peer.endpoint),
      recorder: this.parts.recorder.on(peer.endpoint),
    };
    return { containers: new Containers(parts), base: peer.base };
  }

  /** The reference an image of the scenario's gets from `alias` (see ImageNaming). */
  imageRef(alias: string, naming: ImageNaming = 'tagged'): string {
    if (naming === 'registry') return this.registry.ref(alias);
    const name = this.names.name(alias);
    return naming === 'bare' ? name : `${name}:1`;
  }

  /** `docker volume create`. */
  volume(alias: string): Promise<Volume> {
    return createVolume(this.parts, alias);
  }

  /** Any docker command with the real CLI, one that makes nothing (`docker kill`, `docker image inspect`…). */
  cli(...args: string[]): Promise<CliRun> {
    return this.parts.recorder.cli({ args: () => args });
  }

  /** A line in the transcript: what was measured, why a value was chosen. */
  note(text: string): void {
    this.parts.recorder.note(text);
  }
}
