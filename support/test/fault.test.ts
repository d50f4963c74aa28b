import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EngineRefusal,
  EngineRefusedSetUp,
  EngineUnreachable,
  isViolation,
  stepEnding,
} from '../common/errors';
import { isNotFound } from '../engine/errors';
import { cliFault, whoseFault } from '../scenario/fault';

const scene = { claim: 'PRT-02', endpoint: 'unix:///run/engine.sock' };

/** An error as dockerode gives it when the engine answers with an HTTP error. */
function daemonAnswer(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message}`), {
    statusCode,
    json: { message },
  });
}

describe('whose fault a failed action on the engine is', () => {
  it("is the engine's when it answers with an error: the claim fails, naming its answer", () => {
    const error = whoseFault(
      daemonAnswer(500, 'failed to start userland proxy for port mapping 0.0.0.0:8080:80/tcp'),
      scene,
      'docker run -d -p 8080:80 web',
    );
    assert.ok(error instanceof EngineRefusal);
    assert.equal(error.claim, 'PRT-02');
    assert.match(
      error.message,
      /^PRT-02: expected the engine to carry out `docker run -d -p 8080:80 web`; but saw it answered: HTTP 500: failed to start userland proxy/,
    );
    assert.ok(isViolation(error.constructor.name), 'reported as the claim failing');
    assert.equal(stepEnding('FAILED', error.constructor.name), 'failed');
  });

  it('leaves the claim unverified, not failed, when the engine refuses a set-up step (a Given)', () => {
    const setUp = { ...scene, inSetUp: () => true };
    const error = whoseFault(
      daemonAnswer(400, 'all predefined address pools have been fully subnetted'),
      setUp,
      'docker network create app',
    );
    assert.ok(error instanceof EngineRefusedSetUp);
    assert.match(
      error.message,
      /refused a step the check needs on the way, `docker network create app`: HTTP 400: all predefined address pools/,
    );
    assert.equal(stepEnding('FAILED', error.constructor.name), 'skipped');
    assert.ok(
      isNotFound(whoseFault(daemonAnswer(404, 'No such network: app'), setUp, 'docker network inspect app')),
    );
    const cli = cliFault(
      {
        command: 'docker tag a b',
        exitCode: 1,
        stdout: '',
        stderr: 'Error response from daemon: No such image: a',
      },
      setUp,
    );
    assert.ok(cli instanceof EngineRefusedSetUp);
  });

  it('keeps what a step that expects a refusal reads of it: the status and the words', () => {
    const error = whoseFault(daemonAnswer(404, 'No such container: web'), scene, 'docker inspect web');
    assert.ok(isNotFound(error));
  });

  it("is nobody's finding when the engine does not answer at all: the engine went away", () => {
    for (const code of ['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']) {
      const error = whoseFault(
        Object.assign(new Error(`connect ${code} /run/engine.sock`), { code, syscall: 'connect' }),
        scene,
        'docker ps',
      );
      assert.ok(error instanceof EngineUnreachable, code);
      assert.equal(stepEnding('FAILED', (error as Error).constructor.name), 'error');
    }
  });

  it("is the kit's for anything else: its code, its readers", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'Id')");
    assert.equal(whoseFault(bug, scene, 'docker run'), bug);
    assert.equal(stepEnding('FAILED', 'TypeError'), 'error');
  });

  it('reads the docker CLI the same way: an engine that refused, or no engine at all', () => {
    const refused = cliFault(
      {
        command: 'docker push 127.0.0.1:5000/x',
        exitCode: 1,
        stdout: '',
        stderr: 'unauthorized: authentication required',
      },
      scene,
    );
    assert.ok(refused instanceof EngineRefusal);
    assert.match(refused.message, /exit code 1: unauthorized: authentication required/);
    const gone = cliFault(
      {
        command: 'docker tag a b',
        exitCode: 1,
        stdout: '',
        stderr:
          'Cannot connect to the Docker daemon at unix:///run/engine.sock. Is the docker daemon running?',
      },
      scene,
    );
    assert.ok(gone instanceof EngineUnreachable);
  });
});
