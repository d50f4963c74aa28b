import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ENGINE_ID } from '../run/bundle-facts';

// The CI examples in examples/ci/: the GitHub workflow is also validated against GitHub's
// schema by action-validator in `npm run check`; these check what the kit needs of both.

const ROOT = join(__dirname, '..', '..');
/** A CI variable as the YAML writes it: `${NAME}` (GitLab), `${{ EXPR }}` (GitHub). */
const ci$ = (name: string) => `\${${name}}`;
const read = (name: string) => parse(readFileSync(join(ROOT, 'examples', 'ci', name), 'utf8'));
type Job = Record<string, unknown> & {
  script?: string[];
  stage?: string;
  needs?: ({ job: string } | string)[];
};

/** How both examples install the kit: the tarball of `npm pack` the user commits, never the npm registry, where the kit is not. */
const INSTALL = 'npm install --no-save --no-audit --no-fund ./ci/docker-conformance-kit-*.tgz';
/** Every line of an example that installs a package with npm. */
const installs = (name: string) =>
  readFileSync(join(ROOT, 'examples', 'ci', name), 'utf8')
    .split('\n')
    .filter((line) => /npm install/.test(line) && !line.trim().startsWith('#'))
    .map((line) => line.replace(/^\s*(?:-\s*)?(?:run:\s*)?/, ''));

describe('both CI examples', () => {
  for (const name of ['gitlab-ci.yml', 'github-actions.yml']) {
    it(`${name} installs what exists: the packed kit the user commits`, () => {
      const lines = installs(name);
      assert.ok(lines.length > 0);
      for (const line of lines) assert.equal(line, INSTALL);
    });
  }
});

/** The engine IDs a merge step names with --engines. */
const enginesOf = (line: string) => (/--engines (\S+)/.exec(line)?.[1] ?? '').split(',');

describe('the GitLab CI example', () => {
  const ci = read('gitlab-ci.yml') as Record<string, Job>;
  const stages = ci.stages as unknown as string[];
  const jobs = Object.entries(ci).filter(([name]) => !['stages', 'default', 'variables'].includes(name));

  it('puts every job in a declared stage, needing only jobs that exist', () => {
    for (const [name, job] of jobs) {
      assert.ok(stages.includes(job.stage as string), `${name}'s stage ${job.stage} is declared`);
      for (const need of job.needs ?? []) {
        const other = typeof need === 'string' ? need : need.job;
        assert.ok(ci[other], `${name} needs ${other}, which exists`);
      }
      assert.ok(Array.isArray(job.script) && job.script.length > 0, `${name} has a script`);
    }
  });

  it('gives each engine job the CLI of its engine, and a reports folder of its own', () => {
    const job = ci.conformance as Job & {
      parallel: { matrix: Record<string, string>[] };
      services: { name: string }[];
      before_script: string[];
      variables: Record<string, string>;
      artifacts: { paths: string[] };
    };
    for (const row of job.parallel.matrix) {
      const [major, minor] = (row.DOCKER_VERSION as string).split('.');
      assert.equal(row.KIT_ENGINE_ID, `docker-${major}.${minor}`);
      assert.match(row.KIT_ENGINE_ID as string, ENGINE_ID);
    }
    assert.equal(job.services[0]?.name, `docker:${ci$('DOCKER_VERSION')}-dind`);
    assert.ok(job.before_script.some((line) => /docker-\$\{DOCKER_VERSION\}\.tgz/.test(line)));
    assert.equal(job.variables.KIT_REPORTS_DIR, `bundles/${ci$('KIT_ENGINE_ID')}`);
    assert.ok(
      job.script?.some((line) => line.includes(`--expectations expectations/${ci$('KIT_ENGINE_ID')}.yaml`)),
      'each engine job is judged against its expectations',
    );
    assert.deepEqual(job.artifacts.paths, ['bundles/']);
    const merge = (ci.matrix as Job).script?.find((line) => line.includes('--merge bundles')) ?? '';
    assert.deepEqual(
      enginesOf(merge),
      job.parallel.matrix.map((row) => row.KIT_ENGINE_ID),
    );
  });
});

describe('the GitLab CI example says what its dind service needs, and what the kit does there', () => {
  const text = readFileSync(join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8');
  it('a privileged runner; no claim skipped for the engine being remote', () => {
    assert.match(text, /privileged runner/);
    assert.doesNotMatch(text, /skipped/);
  });
});

describe('the GitHub Actions example', () => {
  const wf = read('github-actions.yml') as {
    jobs: Record<
      string,
      {
        strategy?: { matrix: { include: { id: string; version: string }[] } };
        steps: Record<string, unknown>[];
      }
    >;
  };

  it('merges the bundles of exactly the engines its jobs test, each uploaded under its own name', () => {
    const include = wf.jobs.engine?.strategy?.matrix.include ?? [];
    for (const { id, version } of include) {
      const [major, minor] = version.split('.');
      assert.equal(id, `docker-${major}.${minor}`);
    }
    const upload = wf.jobs.engine?.steps.find((s) => s.uses === 'actions/upload-artifact@v4') as {
      with: { name: string };
    };
    assert.equal(upload.with.name, `conformance-${ci$('{ matrix.id }')}`);
    const merge = wf.jobs.matrix?.steps.find((s) => String(s.run ?? '').includes('--merge')) as {
      run: string;
    };
    assert.deepEqual(
      enginesOf(merge.run),
      include.map((e) => e.id),
    );
  });
});
