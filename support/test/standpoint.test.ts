import assert from 'node:assert/strict';
import { type PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { parseSshEndpoint, sshArgs } from '../engine/ssh';
import { HelperHost } from '../host/helper-host';
import { ranOf } from '../host/host-access';
import { LocalHost } from '../host/local-host';
import { CleanupStack } from '../hygiene/cleanup';
import { driftOf } from '../matrix/expectations';
import { defaultGateway } from '../run/standpoint';
import { Recorder } from '../scenario/recorder';
import { reproductionOf, Transcript } from '../scenario/transcript';

describe('where the kit stands', () => {
  it("reads this machine's default gateway from the kernel's routing table", () => {
    const routes = [
      'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask',
      'eth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF',
      'eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000',
    ].join('\n');
    assert.equal(defaultGateway(routes), '172.17.0.1');
    assert.equal(defaultGateway('Iface\tDestination\tGateway\n'), undefined);
  });
});

describe('ssh:// endpoints', () => {
  it('takes what the docker CLI takes, and refuses the rest with a reason', () => {
    assert.deepEqual(parseSshEndpoint('ssh://root@10.0.0.2'), {
      host: '10.0.0.2',
      user: 'root',
      port: undefined,
    });
    assert.deepEqual(parseSshEndpoint('ssh://build.example:2222'), {
      host: 'build.example',
      user: undefined,
      port: '2222',
    });
    assert.match(JSON.stringify(parseSshEndpoint('ssh://root:secret@host')), /password/);
    assert.match(JSON.stringify(parseSshEndpoint('ssh://host/var/run/docker.sock')), /path/);
    assert.match(JSON.stringify(parseSshEndpoint('ssh://')), /not a URL|no host/);
  });

  it("runs the far side's docker system dial-stdio, as the CLI does, over one master connection", () => {
    const args = sshArgs({ host: 'h', user: 'u', port: '2222' });
    assert.deepEqual(args.slice(-5), ['--', 'h', 'docker', 'system', 'dial-stdio']);
    assert.ok(args.includes('ControlMaster=auto'));
    assert.ok(args.includes('BatchMode=yes'));
    assert.deepEqual(args.slice(args.indexOf('-l'), args.indexOf('-l') + 4), ['-l', 'u', '-p', '2222']);
  });
});

describe('each look records what it really ran', () => {
  /** A fake engine whose every exec in the helper prints `stdout` and exits 0, and the argv it was asked to run. */
  const engineRunning = (stdout: string) => {
    const asked: string[][] = [];
    const docker = {
      getContainer: () => ({
        exec: async ({ Cmd }: { Cmd: string[] }) => {
          asked.push(Cmd);
          return { start: async () => Readable.from([]), inspect: async () => ({ ExitCode: 0 }) };
        },
      }),
      modem: {
        demuxStream: (stream: Readable, out: PassThrough) => {
          out.write(Buffer.from(stdout));
          stream.resume();
        },
      },
    } as unknown as Docker;
    return { docker, asked };
  };
  const helper = { id: 'abc', name: 'dck-r1-engine-host', image: 'dck-base:1' };

  it("through the helper: the docker exec it made, the command on the engine's host beside it, and the helper's start", async () => {
    const { docker, asked } = engineRunning('-P POSTROUTING ACCEPT\n');
    const host = new HelperHost(docker, helper);
    const { value, ran } = await host.traced('iptables -t nat -S', () => host.iptablesNat());
    assert.equal(value.stdout, '-P POSTROUTING ACCEPT\n');
    assert.deepEqual(asked, [['chroot', '/host', 'iptables', '-t', 'nat', '-S']]);
    assert.equal(ran.command, 'docker exec dck-r1-engine-host chroot /host iptables -t nat -S');
    assert.equal(ran.onEngineHost, 'iptables -t nat -S');
    assert.equal(ran.observedFrom, 'helper');
    assert.equal(ran.exact, true);
    assert.match(
      ran.needs?.startedAs ?? '',
      /^docker run -d --name dck-r1-engine-host --pid=host --network=host .*-v \/:\/host:ro dck-base:1 sh -c /,
    );
    assert.match(
      ran.needs?.start ?? '',
      /^docker run -d --rm --name dck-r1-engine-host .* dck-base:1 sleep 900$/,
    );
  });

  it('through the helper: each exec a look made, in order, as one line a shell runs', async () => {
    const { docker } = engineRunning('32 /host/var/lib/docker\n32 total\n');
    const host = new HelperHost(docker, helper);
    const { ran } = await host.traced('du -sck /var/lib/docker', () => host.diskUsage(['/var/lib/docker']));
    assert.equal(ran.command, 'docker exec dck-r1-engine-host du -sck /host/var/lib/docker');
  });

  it('a failed look still says what it ran', async () => {
    const { docker } = engineRunning('');
    const host = new HelperHost(docker, helper);
    const error = await host.traced('du -sck /x', () => host.diskUsage(['/x'])).catch((e: unknown) => e);
    assert.equal(ranOf(error)?.command, 'docker exec dck-r1-engine-host du -sck /host/x');
  });

  it('here: the command one types on this host, marked as what the kit did from its own process', async () => {
    const { ran } = await new LocalHost().traced('ls -A /', async () => ['bin']);
    assert.deepEqual(ran, { command: 'ls -A /', observedFrom: 'this-machine', exact: false });
  });

  it('the transcript shows the helper started once, then the exec, and attaches each look as a record', async () => {
    const { docker } = engineRunning('bin\netc\n');
    const host = new HelperHost(docker, helper);
    const texts: string[] = [];
    const records: unknown[] = [];
    const transcript = new Transcript({ text: (t) => texts.push(t), record: (r) => records.push(r) });
    const recorder = new Recorder(
      transcript,
      new CleanupStack(),
      {},
      { claim: 'CTR-03', endpoint: 'unix:///s' },
    );
    for (let i = 0; i < 2; i++)
      await recorder.observe({
        onEngineHost: 'ls -A /',
        traced: () => host.traced('ls -A /', () => host.rootDirectory()),
      });
    assert.equal(texts.length, 3);
    assert.match(
      texts[0] ?? '',
      /^\$ docker run -d --name dck-r1-engine-host .*# equivalent: the kit made this call through the Engine API/,
    );
    assert.match(
      texts[1] ?? '',
      /^\$ docker exec dck-r1-engine-host ls -A \/host {3}# the kit ran this through the Engine API/,
    );
    assert.match(texts[1] ?? '', /\n# on the engine's host, the same is: ls -A \/\n/);
    assert.deepEqual(records[0], {
      kind: 'look',
      command: 'docker exec dck-r1-engine-host ls -A /host',
      observedFrom: 'helper',
      onEngineHost: 'ls -A /',
    });
    assert.equal(transcript.entries.length, 2);
  });

  it('a reproduction starts the helper where it is not running, then runs the commands as shown', () => {
    const needs = {
      name: 'h',
      startedAs: 'docker run -d --name h img forever',
      start: 'docker run -d --rm --name h img sleep 900',
    };
    const line = reproductionOf([
      {
        command: 'docker run --label docker-conformance-kit.run=r1 img',
        via: 'cli',
        exitCode: 0,
        stdout: '',
        stderr: '',
      },
      {
        command: 'docker exec h ls -A /host',
        via: 'cli',
        exitCode: 0,
        stdout: '',
        stderr: '',
        ran: { command: 'docker exec h ls -A /host', observedFrom: 'helper', exact: true, needs },
      },
      {
        command: 'cat /sys/class/net/eth0/statistics/rx_bytes   # before',
        via: 'host',
        exitCode: 0,
        stdout: '',
        stderr: '',
      },
    ]);
    assert.equal(
      line,
      '{ docker start h >/dev/null 2>&1 || docker run -d --rm --name h img sleep 900 >/dev/null; } ; docker run img ; docker exec h ls -A /host ; cat /sys/class/net/eth0/statistics/rx_bytes',
    );
  });
});

describe('a single run judged against expectations', () => {
  it('names each claim that did not end as expected', () => {
    const expected = new Map([
      ['IMG-06', { outcome: 'failed' as const, kind: 'divergence' as const, reason: 'r' }],
    ]);
    assert.deepEqual(
      driftOf(
        [
          { id: 'IMG-06', outcome: 'failed' },
          { id: 'CTR-03', outcome: 'passed' },
          { id: 'PRT-02', outcome: 'failed' },
          { id: 'NET-11', outcome: 'not run' },
        ],
        expected,
      ),
      [{ claim: 'PRT-02', drift: 'new failed' }],
    );
  });
});
