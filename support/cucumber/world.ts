import { type IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber';
import { CleanupStack } from '../kit/cleanup';
import type { CliResult } from '../kit/cli';
import type { ContainerRef } from '../kit/containers';
import { connectEngine } from '../kit/engine';
import type { ApiAnswer } from '../kit/images';
import { runLabels, SCENARIO_LABEL } from '../kit/labels';
import { NameMaker } from '../kit/names';
import type { PortHolder } from '../kit/ports';
import type { RunContext } from '../kit/run-context';
import type { Scope } from '../kit/scope';
import { Transcript } from '../kit/transcript';

const docker = connectEngine();
let scenarioCounter = 0;

/** Per-scenario state. What a step needs but may not exist yet is reached through a getter that says so. */
export class KitWorld extends World {
  readonly containers = new Map<string, ContainerRef>();
  #scope: Scope | undefined;
  #lastCommand: CliResult | undefined;
  #hostPort: number | undefined;
  #portHolder: PortHolder | undefined;
  #registryImage: string | undefined;
  #apiAnswer: ApiAnswer | undefined;
  #image: string | undefined;

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
      transcript: new Transcript((text) => this.log(text)),
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

  get image(): string {
    if (!this.#image) throw new Error('no image has been chosen in this scenario yet');
    return this.#image;
  }
  set image(ref: string) {
    this.#image = ref;
  }

  get lastCommand(): CliResult {
    if (!this.#lastCommand) throw new Error('no docker command has run in this scenario yet');
    return this.#lastCommand;
  }
  set lastCommand(result: CliResult) {
    this.#lastCommand = result;
  }

  get hostPort(): number {
    if (this.#hostPort === undefined) throw new Error('no host port has been chosen in this scenario yet');
    return this.#hostPort;
  }
  set hostPort(port: number) {
    this.#hostPort = port;
  }

  get portHolder(): PortHolder {
    if (!this.#portHolder) throw new Error('no program holds a host port in this scenario');
    return this.#portHolder;
  }
  set portHolder(holder: PortHolder) {
    this.#portHolder = holder;
  }

  get registryImage(): string {
    if (!this.#registryImage) throw new Error('no image has been put into the registry in this scenario');
    return this.#registryImage;
  }
  set registryImage(ref: string) {
    this.#registryImage = ref;
  }

  get apiAnswer(): ApiAnswer {
    if (!this.#apiAnswer) throw new Error('no Engine API call has been made in this scenario');
    return this.#apiAnswer;
  }
  set apiAnswer(answer: ApiAnswer) {
    this.#apiAnswer = answer;
  }
}

setWorldConstructor(KitWorld);
