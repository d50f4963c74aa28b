/** Things of one kind a scenario made, by the names its steps give them; asking for one it has not made says so. */
export class Named<T> {
  private readonly items = new Map<string, T>();

  constructor(
    private readonly what: string,
    private readonly made: string,
  ) {}

  get(alias: string): T {
    const item = this.items.get(alias);
    if (item === undefined)
      throw new Error(`no ${this.what} "${alias}" has been ${this.made} in this scenario`);
    return item;
  }

  set(alias: string, item: T): T {
    this.items.set(alias, item);
    return item;
  }

  has(alias: string): boolean {
    return this.items.has(alias);
  }

  delete(alias: string): void {
    this.items.delete(alias);
  }

  values(): T[] {
    return [...this.items.values()];
  }

  entries(): [string, T][] {
    return [...this.items.entries()];
  }
}

/**
 * A record of what a scenario's steps saw, typed field by field. Reading a field no step has
 * set throws the message `missing` gives for it (what the scenario has not done yet), never a
 * default that would let a check pass without looking.
 */
export function observations<T extends object>(missing: { [K in keyof T]-?: string }): T {
  const values: Partial<T> = {};
  return new Proxy(values, {
    get(target, key) {
      if (typeof key === 'symbol') return undefined;
      if (!(key in target)) throw new Error(missing[key as keyof T] ?? `nothing was seen as "${key}"`);
      return target[key as keyof T];
    },
    set(target, key, value) {
      target[key as keyof T] = value;
      return true;
    },
  }) as T;
}

/**
 * One Docker concept's observations, owned beside that concept's steps: the accessor gives each
 * scenario (its World) a record of its own, made on first use, read as `observations` reads.
 */
export function conceptObservations<T extends object>(
  missing: { [K in keyof T]-?: string },
): (world: object) => T {
  const records = new WeakMap<object, T>();
  return (world) => {
    let record = records.get(world);
    if (!record) {
      record = observations<T>(missing);
      records.set(world, record);
    }
    return record;
  };
}
