/**
 * A read-only reader of a bbolt database (go.etcd.io/bbolt), the format containerd keeps its
 * snapshotters' metadata in: enough to walk buckets and read values. It never writes.
 */
export class BoltFile {
  private readonly data: Buffer;
  private readonly pageSize: number;
  private readonly root: bigint;

  /** `data`: the database file's bytes; `file`: its name, for errors. */
  constructor(data: Buffer, file: string) {
    this.data = data;
    // Two meta pages (0 and 1); the one with the higher transaction ID is current.
    const metas = [0, 1].map((i) => this.meta(i)).filter((m) => m !== undefined);
    const meta = metas.sort((a, b) => (a.txid > b.txid ? -1 : 1))[0];
    if (!meta) throw new Error(`${file} is not a bbolt database (no meta page with its magic)`);
    this.pageSize = meta.pageSize;
    this.root = meta.root;
  }

  private meta(index: number): { pageSize: number; root: bigint; txid: bigint } | undefined {
    // The first meta page's size is not known yet: bbolt's pages are at least 4096 bytes, and
    // the second meta page is at its page size, which the first gives.
    const first = this.data.readUInt32LE(16 + 8);
    const at = index === 0 ? 0 : first;
    if (at + 80 > this.data.length || this.data.readUInt32LE(at + 16) !== 0xed0cdaed) return undefined;
    return {
      pageSize: this.data.readUInt32LE(at + 24),
      root: this.data.readBigUInt64LE(at + 32),
      txid: this.data.readBigUInt64LE(at + 64),
    };
  }

  /** The keys and values of the bucket at `path` (nested bucket names); a nested bucket's value is null. */
  entries(path: string[]): Map<string, Buffer | null> {
    let bucket = this.bucketAt(this.root, undefined);
    for (const name of path) {
      const value = bucket.get(name);
      if (!value || !('bucket' in value)) throw new Error(`the database has no bucket ${path.join('/')}`);
      bucket = this.bucketAt(value.bucket.root, value.bucket.inline);
    }
    return new Map([...bucket].map(([k, v]) => [k, 'bucket' in v ? null : v.value]));
  }

  /** The raw value of a nested bucket, for walking into it. */
  private bucketAt(
    root: bigint,
    inline: Buffer | undefined,
  ): Map<string, { value: Buffer } | { bucket: { root: bigint; inline?: Buffer } }> {
    const out = new Map<string, { value: Buffer } | { bucket: { root: bigint; inline?: Buffer } }>();
    const visit = (page: Buffer) => {
      const flags = page.readUInt16LE(8);
      const count = page.readUInt16LE(10);
      for (let i = 0; i < count; i++) {
        const element = 16 + i * 16;
        if (flags & 0x01) {
          visit(this.page(page.readBigUInt64LE(element + 8)));
          continue;
        }
        const [elementFlags, pos, ksize, vsize] = [0, 4, 8, 12].map((o) =>
          page.readUInt32LE(element + o),
        ) as [number, number, number, number];
        const key = page.subarray(element + pos, element + pos + ksize).toString('latin1');
        const value = page.subarray(element + pos + ksize, element + pos + ksize + vsize);
        if (elementFlags & 0x01) {
          const bucketRoot = value.readBigUInt64LE(0);
          out.set(key, {
            bucket: { root: bucketRoot, inline: bucketRoot === 0n ? value.subarray(16) : undefined },
          });
        } else out.set(key, { value });
      }
    };
    visit(inline ?? this.page(root));
    return out;
  }

  private page(id: bigint): Buffer {
    const at = Number(id) * this.pageSize;
    const overflow = this.data.readUInt32LE(at + 12);
    return this.data.subarray(at, at + (overflow + 1) * this.pageSize);
  }
}

/** An unsigned varint, as Go's binary.PutUvarint writes it. */
export function uvarint(bytes: Buffer): number {
  let value = 0;
  let shift = 0;
  for (const byte of bytes) {
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  return value;
}
