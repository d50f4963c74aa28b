import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSshEndpoint, sshArgs } from '../engine/ssh';
import { driftOf } from '../matrix/expectations';
import { defaultGateway } from '../run/standpoint';
import { formatEntry, observationIn } from '../scenario/transcript';

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

describe('where each look was made from', () => {
  it('reads it back from the transcript, for looks at the host only', () => {
    const entry = (via: 'host' | 'helper' | 'address' | 'api' | 'cli') =>
      formatEntry({ command: 'curl -s http://x/', via, exitCode: 0, stdout: 'hello', stderr: '' });
    assert.deepEqual(observationIn(entry('helper')), {
      command: 'curl -s http://x/',
      observedFrom: "the engine's host, through the kit's helper container",
    });
    assert.equal(observationIn(entry('host'))?.observedFrom, 'this machine');
    assert.equal(observationIn(entry('address'))?.observedFrom, "the engine's address");
    assert.equal(observationIn(entry('api')), undefined);
    assert.equal(observationIn(entry('cli')), undefined);
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
