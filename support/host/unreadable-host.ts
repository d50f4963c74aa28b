import { NotVerifiable } from '../common/errors';
import type { Reason } from '../common/reasons';
import type { HostAccess } from './host-access';
import { freePort } from './ports';

/**
 * The engine's host where the kit cannot read it (the engine refused the helper container):
 * every look ends its scenario as not verified, with the reason. Only a free port is
 * answered, with this machine's kernel's choice: the best guess there is.
 */
export class UnreadableHost implements HostAccess {
  readonly observedFrom = 'this-machine' as const;
  readonly freePortBasis = "the kernel of this machine handed it out (the engine's host cannot be read)";

  constructor(private readonly why: Reason) {}

  private refuse(): Promise<never> {
    return Promise.reject(new NotVerifiable(this.why));
  }

  traced<T>(): Promise<{ value: T; ran: never }> {
    return this.refuse();
  }

  freePort() {
    return freePort();
  }

  hostPidOf = () => this.refuse();
  commandLine = () => this.refuse();
  signal = () => this.refuse();
  iptablesNat = () => this.refuse();
  nftRuleset = () => this.refuse();
  interfaceWithIndex = () => this.refuse();
  byteCounters = () => this.refuse();
  outwardInterfaces = () => this.refuse();
  interfaceNames = () => this.refuse();
  nameservers = () => this.refuse();
  rootDirectory = () => this.refuse();
  program = () => this.refuse();
  readFile = () => this.refuse();
  exists = () => this.refuse();
  listable = () => this.refuse();
  rootLowerDirs = () => this.refuse();
  diskUsage = () => this.refuse();
  fetch = () => this.refuse();
  greeting = () => this.refuse();
  holdPort = () => this.refuse();
}
