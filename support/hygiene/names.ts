/**
 * Names unique per run, worker and scenario, so parallel workers and parallel runs never
 * collide: `dck-<run>-w<worker>-s<scenario>-<alias>`.
 */
export class NameMaker {
  constructor(
    private readonly runId: string,
    private readonly workerId: string,
    private readonly scenarioIndex: number,
  ) {}

  /** What every name of this scenario starts with. */
  get prefix(): string {
    return `dck-${this.runId}-w${this.workerId}-s${this.scenarioIndex}-`;
  }

  /** A container, network or volume name for `alias` in this scenario. */
  name(alias: string): string {
    return `${this.prefix}${alias.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')}`;
  }

  /** A repository path for images this scenario pushes to or pulls from a registry. */
  repository(alias: string): string {
    return `dck-${this.runId}/w${this.workerId}-s${this.scenarioIndex}-${alias.toLowerCase()}`;
  }
}
