import { type IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber';
import type { BuiltImage } from '../kit/builds';
import { CleanupStack } from '../kit/cleanup';
import type { CliResult } from '../kit/cli';
import type { ContainerRef } from '../kit/containers';
import { connectEngine } from '../kit/engine';
import type { ApiAnswer, ImageLayers } from '../kit/images';
import { runLabels, SCENARIO_LABEL } from '../kit/labels';
import { NameMaker } from '../kit/names';
import type { PortHolder } from '../kit/ports';
import type { RunContext } from '../kit/run-context';
import type { Scope } from '../kit/scope';
import { Transcript } from '../kit/transcript';

const docker = connectEngine();
let scenarioCounter = 0;

/** What steps hand on to later steps, and what a step says when it needs one that is missing. */
interface ScenarioState {
  image: string;
  lastCommand: CliResult;
  hostPort: number;
  portHolder: PortHolder;
  registryImage: string;
  apiAnswer: ApiAnswer;
  volume: string;
  imageBefore: ImageLayers;
  hostPid: number;
  marker: string;
}

const MISSING: Record<keyof ScenarioState, string> = {
  image: 'no image has been chosen in this scenario yet',
  lastCommand: 'no docker command has run in this scenario yet',
  hostPort: 'no host port has been chosen in this scenario yet',
  portHolder: 'no program holds a host port in this scenario',
  registryImage: 'no image has been put into the registry in this scenario',
  apiAnswer: 'no Engine API call has been made in this scenario',
  volume: 'no volume has been created in this scenario',
  imageBefore: "the image's layers were not looked at before the change",
  hostPid: 'the engine has not been asked for a host PID in this scenario',
  marker: 'nothing has been written or started to look for in this scenario',
};

/** Per-scenario state. What a step needs but may not exist yet is reached through a getter that says so. */
export class KitWorld extends World {
  readonly containers = new Map<string, ContainerRef>();
  /** Host ports per container alias, when a scenario publishes more than one. */
  readonly hostPorts = new Map<string, number>();
  /** Images this scenario built, by alias. */
  readonly images = new Map<string, BuiltImage>();
  /** What a step observed, by what was looked at. */
  readonly seen = new Map<string, string>();
  #scope: Scope | undefined;
  #state: Partial<ScenarioState> = {};

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Called by the Before hook: names, labels, transcript and cleanup for this scenario. */
  begin(context: RunContext, claim: string): Scope {
    const worker = process.env.CUCUMBER_WORKER_ID ?? '0';
    const index = ++scenarioCounter;
    const labels = { ...runLabels(context.runId, context.owner), [SCENARIO_LABEL]: `w${worker}-s${index}` };
    this.#scope = {
      docker,
      context,
      // A log (shown inline by cucumber's HTML and pretty output) with a name (Allure's title).
      transcript: new Transcript((text, title) =>
        this.attach(text, { mediaType: 'text/x.cucumber.log+plain', fileName: title }),
      ),
      cleanup: new CleanupStack(),
      names: new NameMaker(context.runId, worker, index),
      labels,
      claim,
    };
    return this.#scope;
  }

  get scope(): Scope {
    if (!this.#scope) throw new Error('the scenario has not begun: the Before hook did not run');
    return this.#scope;
  }

  /** Whether the Before hook set this scenario up (it was not skipped before that). */
  get begun(): boolean {
    return this.#scope !== undefined;
  }

  container(alias: string): ContainerRef {
    const container = this.containers.get(alias);
    if (!container) throw new Error(`no container "${alias}" has been started in this scenario`);
    return container;
  }

  private need<K extends keyof ScenarioState>(key: K): ScenarioState[K] {
    const value = this.#state[key];
    if (value === undefined) throw new Error(MISSING[key]);
    return value as ScenarioState[K];
  }

  get image(): string {
    return this.need('image');
  }
  set image(ref: string) {
    this.#state.image = ref;
  }

  get lastCommand(): CliResult {
    return this.need('lastCommand');
  }
  set lastCommand(result: CliResult) {
    this.#state.lastCommand = result;
  }

  get hostPort(): number {
    return this.need('hostPort');
  }
  set hostPort(port: number) {
    this.#state.hostPort = port;
  }

  get portHolder(): PortHolder {
    return this.need('portHolder');
  }
  set portHolder(holder: PortHolder) {
    this.#state.portHolder = holder;
  }

  get registryImage(): string {
    return this.need('registryImage');
  }
  set registryImage(ref: string) {
    this.#state.registryImage = ref;
  }

  get apiAnswer(): ApiAnswer {
    return this.need('apiAnswer');
  }
  set apiAnswer(answer: ApiAnswer) {
    this.#state.apiAnswer = answer;
  }

  get volume(): string {
    return this.need('volume');
  }
  set volume(name: string) {
    this.#state.volume = name;
  }

  get imageBefore(): ImageLayers {
    return this.need('imageBefore');
  }
  set imageBefore(layers: ImageLayers) {
    this.#state.imageBefore = layers;
  }

  get hostPid(): number {
    return this.need('hostPid');
  }
  set hostPid(pid: number) {
    this.#state.hostPid = pid;
  }

  /** A name to look for later: a file written, a process started. */
  get marker(): string {
    return this.need('marker');
  }
  set marker(text: string) {
    this.#state.marker = text;
  }

  built(alias: string): BuiltImage {
    const image = this.images.get(alias);
    if (!image) throw new Error(`no image "${alias}" has been built in this scenario`);
    return image;
  }

  /** What was seen under `what`, or a clear error if that was never looked at. */
  observed(what: string): string {
    const value = this.seen.get(what);
    if (value === undefined) throw new Error(`the ${what} has not been looked at in this scenario`);
    return value;
  }
}

setWorldConstructor(KitWorld);
