import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SetupError } from '../common/errors';
import { resolveEndpoint } from '../engine/endpoint';

/** A docker config folder holding `contexts` (name → host), with `current` as currentContext. */
function configWith(contexts: Record<string, string>, current?: string, tlsFor?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dck-config-'));
  if (current) writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: current }));
  for (const [name, host] of Object.entries(contexts)) {
    const id = createHash('sha256').update(name).digest('hex');
    mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true });
    writeFileSync(
      join(dir, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
    );
    if (name === tlsFor) {
      mkdirSync(join(dir, 'contexts', 'tls', id, 'docker'), { recursive: true });
      for (const f of ['ca.pem', 'cert.pem', 'key.pem'])
        writeFileSync(join(dir, 'contexts', 'tls', id, 'docker', f), 'x');
    }
  }
  return dir;
}

describe('the engine endpoint, resolved as the docker CLI does', () => {
  it('is DOCKER_HOST when it is set, whatever the context', () => {
    const config = configWith({ remote: 'tcp://elsewhere:2376' }, 'remote');
    const endpoint = resolveEndpoint({ DOCKER_HOST: 'unix:///tmp/x.sock', DOCKER_CONFIG: config });
    assert.equal(endpoint.host, 'unix:///tmp/x.sock');
    assert.equal(endpoint.source, 'DOCKER_HOST');
    assert.deepEqual(endpoint.cliEnv, {});
  });

  it("is the config's current context when DOCKER_HOST is unset, and the CLI is pointed at it", () => {
    const config = configWith({ rootless: 'unix:///run/user/1000/docker.sock' }, 'rootless');
    const endpoint = resolveEndpoint({ DOCKER_CONFIG: config });
    assert.equal(endpoint.host, 'unix:///run/user/1000/docker.sock');
    assert.match(endpoint.source, /docker context "rootless" \(named by .*config\.json\)/);
    assert.deepEqual(endpoint.cliEnv, { DOCKER_CONTEXT: 'rootless' });
  });

  it('prefers DOCKER_CONTEXT to the config, and takes the context’s TLS material', () => {
    const config = configWith({ a: 'unix:///a.sock', b: 'tcp://b:2376' }, 'a', 'b');
    const endpoint = resolveEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'b' });
    assert.equal(endpoint.host, 'tcp://b:2376');
    assert.equal(endpoint.tls?.verify, true);
    assert.match(endpoint.tls?.ca ?? '', /contexts\/tls\/.*\/docker\/ca\.pem$/);
  });

  it('is the default socket for the default context', () => {
    assert.equal(resolveEndpoint({ DOCKER_CONFIG: configWith({}) }).host, 'unix:///var/run/docker.sock');
  });

  it('refuses a context that does not exist, in one line', () => {
    assert.throws(
      () => resolveEndpoint({ DOCKER_CONFIG: configWith({}), DOCKER_CONTEXT: 'nope' }),
      (e: unknown) => e instanceof SetupError && /"nope".*does not exist/.test(e.message),
    );
  });
});
