import { type IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber';
import { judgeClaim } from '../checks/judge';
import type { Verdict } from '../checks/verdict';
import { RECORD_MEDIA_TYPE, type ScenarioRecord } from '../common/records';
import { connectEngine } from '../engine/endpoint';
import { CleanupStack } from '../hygiene/cleanup';
import { runLabels, SCENARIO_LABEL } from '../hygiene/labels';
import { NameMaker } from '../hygiene/names';
import type { RunContext } from '../run/run-context';
import type { Container } from '../scenario/container';
import { type ContainerOption, withCmd } from '../scenario/container-spec';
import type { CliContainerRun } from '../scenario/containers';
import type { BuildOptions, BuiltImage, ImageNaming } from '../scenario/images';
import type { Network } from '../scenario/networks';
import { waitUntilServing } from '../scenario/probes';
import { ScenarioEngine } from '../scenario/scenario-engine';
import { Transcript } from '../scenario/transcript';
import type { Volume } from '../scenario/volumes';
import { Named, observations } from './named';
import { NOT_SEEN, type Seen } from './seen';

const docker = connectEngine();
let scenarioCounter = 0;

/**
 * A scenario's state: the engine layer it acts through, what it made (by the names its steps
 * give them) and what it saw. Asking for something it has not made or seen yet says so.
 */
export class KitWorld extends World {
  readonly containers = new Named<Container>('container', 'started');
  readonly networks = new Named<Network>('network', 'created');
  readonly images = new Named<BuiltImage>('image', 'built');
  readonly volumes = new Named<Volume>('volume', 'created');
  readonly hostPorts = new Named<number>('host port', 'chosen');
  readonly seen = observations<Seen>(NOT_SEEN);
  readonly cleanup = new CleanupStack();
  #engine: ScenarioEngine | undefined;
  #judgedInStep = 0;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Called by the Before hook: the engine layer, with this scenario's names, labels and transcript. */
  begin(context: RunContext, claim: string): void {
    const worker = process.env.CUCUMBER_WORKER_ID ?? '0';
    const index = ++scenarioCounter;
    const labels = { ...runLabels(context.runId, context.owner), [SCENARIO_LABEL]: `w${worker}-s${index}` };
    // A log (shown inline by cucumber's HTML and pretty output) with a name (Allure's title); each look's record as data.
    const transcript = new Transcript({
      text: (text, title) => this.attach(text, { mediaType: 'text/x.cucumber.log+plain', fileName: title }),
      record: (record) => this.note(record),
    });
    const names = new NameMaker(context.runId, worker, index);
    this.#engine = new ScenarioEngine(
      docker,
      context,
      transcript,
      this.cleanup,
      names,
      labels,
      claim,
      () => this.stepType === 'Context',
    );
  }

  /** Attaches a record of the scenario as data (common/records.ts): what the reports read. */
  note(record: ScenarioRecord): void {
    this.attach(JSON.stringify(record), { mediaType: RECORD_MEDIA_TYPE });
  }

  /** The kind of the Gherkin step running now (Context: a Given; Action: a When; Outcome: a Then). */
  get stepType(): string | undefined {
    return this.#stepType;
  }
  #stepType: string | undefined;

  /** Called by the BeforeStep hook: the step that runs now, which has judged nothing yet. */
  beginStep(type: string | undefined): void {
    this.#stepType = type;
    this.#judgedInStep = 0;
  }

  /** How many verdicts the step running now has judged (a Then that judged none checked nothing). */
  get judgedInStep(): number {
    return this.#judgedInStep;
  }

  /**
   * Judges what the scenario's claim says: when the verdict does not hold, fails with a
   * ClaimViolation naming the claim, what was expected and seen, and the commands to reproduce it.
   */
  judge(verdict: Verdict): void {
    this.#judgedInStep++;
    judgeClaim(this.engine, verdict);
  }

  /** The scenario's one way to the engine and the host. */
  get engine(): ScenarioEngine {
    if (!this.#engine) throw new Error('the scenario has not begun: the Before hook did not run');
    return this.#engine;
  }

  /**
   * A container of `image` under `alias`, in one call: named for the scenario, labelled, started
   * (`docker run -d`, through the Engine API), and known by its alias to later steps.
   */
  async run(alias: string, image: string, ...options: ContainerOption[]): Promise<Container> {
    return this.containers.set(alias, await this.engine.containers.run(alias, image, ...options));
  }

  /** The real `docker run` (foreground unless `detach`), its container known by `alias` to later steps. */
  async runCli(
    alias: string,
    image: string,
    options: readonly ContainerOption[] = [],
    flags: { detach?: boolean; timeoutMs?: number } = {},
  ): Promise<CliContainerRun> {
    const run = await this.engine.containers.runCli(alias, image, options, flags);
    this.containers.set(alias, run.container);
    return run;
  }

  /** A web fixture container under `alias`, waited for until its app serves on `port` (80 unless set with PORT). */
  async serve(alias: string, options: readonly ContainerOption[] = [], port = 80): Promise<Container> {
    const server = await this.run(alias, this.engine.context.fixtures.web, ...options);
    await waitUntilServing(server, port);
    return server;
  }

  /** A container under `alias` that waits forever: something to look from. */
  idle(alias: string, ...options: ContainerOption[]): Promise<Container> {
    return this.run(alias, this.engine.context.fixtures.idle, ...options);
  }

  /** A container under `alias` on the swarm's other node, of its base image, waiting forever. */
  async runOnPeer(alias: string, ...options: ContainerOption[]): Promise<Container> {
    const { containers, base } = this.engine.peer();
    return this.containers.set(
      alias,
      await containers.run(alias, base, ...options, withCmd('sleep', '86400')),
    );
  }

  /** A network under `alias`, in one call: named for the scenario, labelled, created (a bridge unless `driver`), known by its alias to later steps. */
  async network(alias: string, options: { driver?: string; attachable?: boolean } = {}): Promise<Network> {
    return this.networks.set(alias, await this.engine.networks.create(alias, options));
  }

  /**
   * An image built from `dockerfile` under `alias`, in one call: named from its alias
   * (`NAME:1` unless `naming` says otherwise), labelled, and known by its alias to later steps.
   */
  async build(
    alias: string,
    dockerfile: string,
    { naming, ...options }: BuildOptions & { naming?: ImageNaming } = {},
  ): Promise<BuiltImage> {
    const ref = this.engine.imageRef(alias, naming);
    return this.images.set(alias, await this.engine.images.build(ref, dockerfile, options));
  }

  /** A volume under `alias`, in one call: named for the scenario, labelled, created, known by its alias to later steps. */
  async volume(alias: string): Promise<Volume> {
    return this.volumes.set(alias, await this.engine.volume(alias));
  }

  /** Whether the Before hook set this scenario up (it was not skipped before that). */
  get begun(): boolean {
    return this.#engine !== undefined;
  }
}

setWorldConstructor(KitWorld);
