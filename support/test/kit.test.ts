import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { buildSteps } from '../checks/build-output';
import { ClaimViolation } from '../common/errors';
import { inSubnet } from '../common/ipv4';
import type { Reason } from '../common/reasons';
import { sayReason } from '../common/reasons-en';
import { waitFor } from '../common/wait';
import { endpointHost } from '../engine/endpoint';
import { findEngineHost } from '../engine/engine-host';
import { demux } from '../engine/stream';
import { isStaticElf } from '../fixtures/busybox';
import { sharedLibraries } from '../fixtures/files-image';
import { fixtureHash } from '../fixtures/fixture-images';
import { masqueradePath } from '../host/nat';
import { diskUsage } from '../host/storage';
import { CleanupStack } from '../hygiene/cleanup';
import { claimOf, unmetNeed } from '../run/needs';
import type { RunContext } from '../run/run-context';
import { decideStandpoint } from '../run/standpoint';
import { Container } from '../scenario/container';
import { labelledDockerfile } from '../scenario/images';
import type { Parts } from '../scenario/parts';
import { Recorder } from '../scenario/recorder';
import { commandLine, formatEntry, Transcript, titleOf } from '../scenario/transcript';
import { aFingerprint } from './fingerprints';

/** One frame of a multiplexed log or exec stream: an 8-byte header (stream, size), then the text. */
function frame(stream: number, text: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
}

describe('transcripts', () => {
  it('title each entry with the program and its docker subcommand', () => {
    assert.equal(titleOf('docker run -d --name dck-1-w0-s1-web -p 80:80 web:1'), '$ docker run');
    assert.equal(titleOf('docker image history --no-trunc dck-1-w0-s1-app:1'), '$ docker image history');
    assert.equal(titleOf('docker exec dck-1-w0-s1-one sh -c ls'), '$ docker exec');
    assert.equal(titleOf('docker network create dck-1-w0-s1-app'), '$ docker network create');
    assert.equal(titleOf('curl -s http://127.0.0.1:8080/'), '$ curl');
  });

  it('quote arguments as a shell user would type them', () => {
    assert.equal(commandLine(['docker', 'run', '-e', 'A=b c', "it's"]), `docker run -e 'A=b c' 'it'\\''s'`);
  });

  it('mark commands the kit sent through the API as equivalent', () => {
    const text = formatEntry({
      command: 'docker wait x',
      via: 'api',
      exitCode: 0,
      stdout: '3\n',
      stderr: '',
    });
    assert.match(text, /^\$ docker wait x {3}# equivalent/);
    assert.match(text, /exit code: 0\nstdout:\n3$/);
  });
});

describe('claim violations', () => {
  it('name the claim, what was expected, what was seen and how to reproduce', () => {
    const error = new ClaimViolation('CTR-03', 'exit code 3', 'exit code 0', 'docker run x');
    assert.equal(error.message, 'CTR-03: expected exit code 3; but saw exit code 0; reproduce: docker run x');
  });
});

describe('waitFor', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    assert.equal(
      await waitFor(async () => (++calls >= 3 ? 'ready' : undefined), {
        timeoutMs: 2000,
        describe: () => 'x',
      }),
      'ready',
    );
  });

  it('fails with what it waited for and the last error', async () => {
    await assert.rejects(
      waitFor(
        async () => {
          throw new Error('refused');
        },
        { timeoutMs: 100, describe: (last) => `no page (${last})` },
      ),
      /no page \(refused\) \(gave up after 100 ms\)/,
    );
  });
});

describe('the cleanup stack', () => {
  it('undoes last in first out, runs every undo, and reports the failures together', async () => {
    const order: string[] = [];
    const stack = new CleanupStack();
    stack.push({ describe: 'a', run: async () => void order.push('a') });
    stack.push({
      describe: 'b',
      run: async () => {
        throw new Error('busy');
      },
    });
    stack.push({ describe: 'c', run: async () => void order.push('c') });
    await assert.rejects(stack.runAll(), /cleanup failed for 1 object\(s\): b: busy/);
    assert.deepEqual(order, ['c', 'a']);
  });

  it('undoes what containers attach to after everything else, whenever it was made', async () => {
    const order: string[] = [];
    const stack = new CleanupStack();
    stack.push({ describe: 'volume', run: async () => void order.push('volume'), attachedTo: true });
    stack.push({ describe: 'container', run: async () => void order.push('container') });
    stack.push({ describe: 'network', run: async () => void order.push('network'), attachedTo: true });
    stack.push({ describe: 'image', run: async () => void order.push('image') });
    await stack.runAll();
    assert.deepEqual(order, ['image', 'container', 'network', 'volume']);
  });

  it('counts an object already gone as undone', async () => {
    const stack = new CleanupStack();
    stack.push({
      describe: 'gone',
      run: async () => {
        throw new Error('(HTTP code 404) no such container');
      },
    });
    await stack.runAll();
  });
});

describe('fixture images', () => {
  it('are addressed by the content of their folder and their base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dck-test-'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'Dockerfile'), 'FROM x\n');
    const first = fixtureHash('web', 'sha256:base1', dir);
    assert.equal(fixtureHash('web', 'sha256:base1', dir), first);
    assert.notEqual(fixtureHash('web', 'sha256:base2', dir), first);
    writeFileSync(join(dir, 'web', 'Dockerfile'), 'FROM y\n');
    assert.notEqual(fixtureHash('web', 'sha256:base1', dir), first);
  });
});

describe('static binaries', () => {
  it('are told from dynamic ones by the absence of a program interpreter', () => {
    const elf = (withInterp: boolean) => {
      const bytes = Buffer.alloc(64 + 56 * 2);
      bytes.write('\x7fELF', 0, 'latin1');
      bytes[4] = 2; // 64-bit
      bytes[5] = 1; // little endian
      bytes.writeBigUInt64LE(64n, 32); // program headers right after the header
      bytes.writeUInt16LE(56, 54);
      bytes.writeUInt16LE(2, 56);
      bytes.writeUInt32LE(1, 64); // PT_LOAD
      bytes.writeUInt32LE(withInterp ? 3 : 1, 64 + 56);
      return bytes;
    };
    assert.equal(isStaticElf(elf(false)), true);
    assert.equal(isStaticElf(elf(true)), false);
    assert.equal(isStaticElf(Buffer.from('#!/bin/sh\n')), false);
  });
});

describe('containers', () => {
  it('logs without a TTY are demultiplexed', () => {
    assert.equal(demux(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])), 'out\nerr\n');
  });
});

describe('the engine endpoint', () => {
  it('names the host of an endpoint URL, and 127.0.0.1 for a socket', () => {
    assert.equal(endpointHost('unix:///var/run/docker.sock'), '127.0.0.1');
    assert.equal(endpointHost('tcp://10.1.2.3:2375'), '10.1.2.3');
    assert.equal(endpointHost('tcp://[::1]:2375'), '::1');
    assert.equal(endpointHost('tcp://docker.example:2376'), 'docker.example');
    assert.equal(endpointHost('ssh://ci@build-host'), 'build-host');
    assert.equal(endpointHost('ssh://ci@build-host:2222'), 'build-host');
  });

  it('reaches published ports where KIT_PUBLISHED_HOST says, when it is set', async () => {
    process.env.KIT_PUBLISHED_HOST = '172.17.0.1';
    try {
      const standpoint = await decideStandpoint(
        {} as Docker,
        aFingerprint({}),
        { here: true },
        {
          image: 'base',
          name: 'helper',
          labels: {},
        },
      );
      assert.equal(standpoint.topology, 'on-host');
      assert.deepEqual(standpoint.published, { from: 'kit', address: '172.17.0.1' });
    } finally {
      delete process.env.KIT_PUBLISHED_HOST;
    }
  });
});

describe("the engine's host", () => {
  const ours = ['net', 'pid'].map((ns) => readlinkSync(`/proc/self/ns/${ns}`));
  /** An engine whose host-namespace container prints `lines` and exits with `status`. */
  const engineSaying = (lines: string[], status = 0) => {
    const container = {
      start: async () => {},
      wait: async () => ({ StatusCode: status }),
      logs: async () => frame(1, `${lines.join('\n')}\n`),
      remove: async () => {},
    };
    return { createContainer: async () => container } as unknown as Docker;
  };

  it('is this machine when the host namespaces are ours', async () => {
    assert.deepEqual(await findEngineHost(engineSaying(ours), 'base', {}), { here: true });
  });

  it('is elsewhere when they are not, and says both', async () => {
    const host = await findEngineHost(engineSaying(['net:[1]', 'pid:[2]']), 'base', {});
    assert.equal(host.here, false);
    assert.match(host.here ? '' : host.why, /net:\[1\] pid:\[2\]/);
  });

  it('is elsewhere, with the reason, when the probe cannot run', async () => {
    const host = await findEngineHost(engineSaying(['permission denied'], 1), 'base', {});
    assert.match(host.here ? '' : host.why, /could not run \(it exited with 1: permission denied\)/);
  });
});

describe('scenario needs', () => {
  const REGISTRY = {
    address: 'x',
    source: 'y',
    asked: { from: 'kit' as const, base: 'http://x' },
    plainHttp: false,
  };
  const context = (registry: RunContext['registry'], unreadable?: Reason) =>
    ({
      registry,
      online: false,
      engine: { local: false, notLocal: 'remote', endpoint: 'tcp://far:2375' },
      standpoint: {
        topology: 'across',
        host:
          unreadable === undefined ? { reader: 'helper', id: 'h', name: 'h' } : { unavailable: unreadable },
      },
    }) as unknown as RunContext;
  const said = (reason: Reason | undefined) => (reason ? sayReason(reason) : '');

  it('skip a registry scenario with the reason there is none, as a record', () => {
    const none: Reason = { code: 'registry-failed', notHere: { noBinary: true }, attempts: [] };
    assert.deepEqual(unmetNeed(['@needs:registry'], context({ unavailable: none })), {
      code: 'no-registry',
      why: none,
    });
    assert.equal(
      said(unmetNeed(['@needs:registry'], context({ unavailable: none }))),
      'no registry: no registry binary on PATH',
    );
    assert.equal(unmetNeed(['@needs:registry'], context(REGISTRY)), undefined);
  });

  it('skip @online scenarios unless KIT_ONLINE is set, and unknown needs', () => {
    assert.deepEqual(unmetNeed(['@online'], context(REGISTRY)), { code: 'offline' });
    assert.match(said(unmetNeed(['@online'], context(REGISTRY))), /KIT_ONLINE=1/);
    assert.match(said(unmetNeed(['@needs:gpu'], context(REGISTRY))), /does not know the need @needs:gpu/);
  });

  it("skip an engine-host scenario with the engine's answer when the kit cannot read that host", () => {
    const refused = context(REGISTRY, {
      code: 'helper-refused',
      said: 'privileged mode is incompatible with user namespaces',
    });
    assert.match(
      said(unmetNeed(['@needs:engine-host'], refused)),
      /refused the kit's helper container.*privileged/,
    );
    assert.equal(unmetNeed(['@needs:engine-host'], context(REGISTRY)), undefined);
  });

  it('find the claim tag', () => {
    assert.equal(claimOf(['@ports', '@claim:PRT-04']), 'PRT-04');
  });
});

describe('build output', () => {
  it('tells cached steps from rebuilt ones, for the classic builder and for buildah', async () => {
    const classic =
      'Step 1/3 : FROM base\n ---> 1\nStep 2/3 : RUN a\n ---> Using cache\n ---> 2\nStep 3/3 : RUN b\n ---> Running in 9\n';
    assert.deepEqual(
      buildSteps(classic).map((s) => [s.index, s.instruction, s.cached]),
      [
        [1, 'FROM base', false],
        [2, 'RUN a', true],
        [3, 'RUN b', false],
      ],
    );
    const buildah = 'STEP 1/2: FROM base\nSTEP 2/2: RUN a\n--> Using cache 4a\n';
    assert.deepEqual(
      buildSteps(buildah).map((s) => s.cached),
      [false, true],
    );
  });
});

describe('scenario builds', () => {
  it('label every stage right after its FROM, so intermediate images carry the run label', () => {
    const labels = { 'docker-conformance-kit.run': 'ab12', 'docker-conformance-kit.owner': 'vm:7' };
    const label = 'LABEL docker-conformance-kit.run="ab12" docker-conformance-kit.owner="vm:7"';
    assert.equal(
      labelledDockerfile('FROM a AS one\nRUN x\n  from scratch\nCOPY --from=one /x /\n', labels),
      `FROM a AS one\n${label}\nRUN x\n  from scratch\n${label}\nCOPY --from=one /x /\n`,
    );
  });
});

describe('disk usage', () => {
  it('counts a hard-linked file once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dck-du-'));
    writeFileSync(join(dir, 'a'), Buffer.alloc(64 * 1024, 1));
    const one = diskUsage(dir);
    linkSync(join(dir, 'a'), join(dir, 'b'));
    assert.equal(diskUsage(dir), one);
    assert.ok(one >= 64 * 1024);
  });
});

describe('subnets', () => {
  it('tell whether an address is in them', async () => {
    assert.equal(inSubnet('172.17.0.5', '172.17.0.0/16'), true);
    assert.equal(inSubnet('172.18.0.5', '172.17.0.0/16'), false);
    assert.equal(inSubnet('10.1.2.3', '10.1.2.0/30'), true);
    assert.equal(inSubnet('10.1.2.4', '10.1.2.0/30'), false);
    assert.equal(inSubnet('', '10.0.0.0/8'), false);
  });
});

describe('NAT rules', () => {
  const docker = [
    '-P POSTROUTING ACCEPT',
    '-N DOCKER',
    '-A POSTROUTING -s 172.17.0.3/32 -d 172.17.0.3/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
    '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
  ].join('\n');
  const cni = [
    '-N CNI-HOSTPORT-MASQ',
    '-N CNI-0a1b',
    '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
    '-A POSTROUTING -s 10.88.0.5/32 -m comment --comment "name: \\"podman\\" id: \\"abc\\"" -j CNI-0a1b',
    '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
    '-A CNI-0a1b -d 10.88.0.0/16 -m comment --comment "name: \\"podman\\"" -j ACCEPT',
    '-A CNI-0a1b ! -d 224.0.0.0/4 -m comment --comment "name: \\"podman\\"" -j MASQUERADE',
  ].join('\n');

  it("find Docker's subnet rule, not its hairpin rule for one port", () => {
    assert.deepEqual(masqueradePath(docker, '172.17.0.3'), [
      '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
    ]);
    assert.deepEqual(masqueradePath(docker, '172.18.0.2'), []);
  });

  it("follow CNI's jump per container, not its masquerade of marked packets", () => {
    assert.equal(masqueradePath(cni, '10.88.0.5').length, 2);
    assert.deepEqual(masqueradePath(cni, '10.88.0.6'), []);
  });

  it('see nothing once MASQUERADE is gone', () => {
    assert.deepEqual(masqueradePath(docker.replace(/-j MASQUERADE/g, '-j ACCEPT'), '172.17.0.3'), []);
  });
});

describe('a registry image made from a local binary', () => {
  it('takes the shared libraries ldd names, by absolute path', () => {
    const libraries = sharedLibraries(process.execPath);
    assert.ok(
      libraries.some((path) => /\/libc\.so\.6$/.test(path)),
      `no libc in ${libraries.join(' ')}`,
    );
    assert.ok(libraries.every((path) => path.startsWith('/')));
  });

  it('takes none for a file that is not a dynamic executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dck-ldd-'));
    writeFileSync(join(dir, 'script'), '#!/bin/sh\n', { mode: 0o755 });
    assert.deepEqual(sharedLibraries(join(dir, 'script')), []);
  });
});

describe("waiting for the engine's events", () => {
  const recorded: string[] = [];
  /** A container whose engine answers /events with `lines`, or fails with `failure`. */
  const containerWith = (lines: string[], failure?: Error) => {
    const docker = {
      getContainer: () => ({ inspect: async () => ({ Created: new Date().toISOString() }) }),
      getEvents: async () => {
        if (failure) throw failure;
        return Readable.from(lines.map((line) => Buffer.from(`${line}\n`)));
      },
    };
    const transcript = new Transcript({ text: () => {}, record: () => {} });
    const recorder = new Recorder(
      transcript,
      new CleanupStack(),
      {},
      { claim: 'AAA-01', endpoint: 'unix:///s' },
    );
    const parts = { docker, recorder } as unknown as Parts;
    const original = transcript.record.bind(transcript);
    transcript.record = (entry) => {
      recorded.push(entry.command);
      original(entry);
    };
    return new Container(parts, 'abc', 'dck-1-w0-s1-main');
  };

  it('returns the events the engine reported, and records the docker events command', async () => {
    const events = await containerWith([JSON.stringify({ Action: 'oom', time: 1 })]).eventsOf('oom', 200);
    assert.equal(events.length, 1);
    assert.match(recorded.at(-1) ?? '', /^docker events .*--filter event=oom$/);
  });

  it('returns none when the engine reports none in time', async () => {
    assert.deepEqual(await containerWith([]).eventsOf('oom', 100), []);
  });

  it('fails, rather than report no event, when the engine cannot be asked', async () => {
    await assert.rejects(
      containerWith([], new Error('socket hang up')).eventsOf('oom', 100),
      // The engine cut the connection: not "no event", and not a finding either (see fault.ts).
      /stopped answering \(the connection was cut \(socket hang up\)\)/,
    );
  });
});
