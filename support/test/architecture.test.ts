import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/**
 * What a file imports: package names, and the kit's own files by their path from the root.
 * Imports of types only (`import type`) are left out unless `types`: they touch nothing.
 */
function importsOf(file: string, types = false): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const statements = types ? /^import[^'"]*from '([^']+)';/gm : /^import (?!type )[^'"]*from '([^']+)';/gm;
  return [...text.matchAll(statements), ...text.matchAll(/import\('([^']+)'\)/g)].map((m) => {
    const spec = m[1] as string;
    return spec.startsWith('.') ? `${normalize(join(dirname(file), spec))}.ts` : spec;
  });
}

describe("the kit's layers", () => {
  const files = [...sources('support'), ...sources('steps')];

  it('steps reach the engine and the host only through the scenario layer', () => {
    const forbidden = /^(dockerode|execa|testcontainers|node:(fs|http|https|net|child_process|os))$/;
    const offending = sources('steps').flatMap((f) =>
      importsOf(f)
        .filter((i) => forbidden.test(i))
        .map((i) => `${f} imports ${i}`),
    );
    assert.deepEqual(offending, []);
  });

  it('only the engine, scenario, host, hygiene, fixtures and lab layers import dockerode or execa', () => {
    const allowed = /^support\/(engine|scenario|host|hygiene|fixtures|lab|test)\//;
    const offending = files
      .filter((f) => !allowed.test(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i === 'dockerode' || i === 'execa')
          .map((i) => `${f} imports ${i}`),
      );
    assert.deepEqual(offending, []);
  });

  it('the scenario layer imports no check: judging lives with the checks, never back up the house', () => {
    const offending = sources('support/scenario').flatMap((f) =>
      importsOf(f, true)
        .filter((i) => i.startsWith('support/checks/'))
        .map((i) => `${f} imports ${i}`),
    );
    assert.deepEqual(offending, []);
  });

  it('steps judge through the World and start a container under an alias in one call', () => {
    const offending = sources('steps').flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const twice = [...text.matchAll(/containers\.set\(\s*('[\w-]+'),\s*await [\w.]+\.run\(\s*\1/g)];
      return [
        ...(text.includes('expectClaim(') ? [`${f} calls expectClaim`] : []),
        ...twice.map((m) => `${f} types the alias ${m[1]} twice`),
      ];
    });
    assert.deepEqual(offending, []);
  });

  it("no call site spells a read's makes: 'nothing' (a read is recorder.look)", () => {
    const offending = files
      .filter((f) => !f.endsWith('scenario/recorder.ts') && !f.startsWith('support/test/'))
      .filter((f) => readFileSync(join(ROOT, f), 'utf8').includes("makes: 'nothing'"));
    assert.deepEqual(offending, []);
  });

  it('nothing branches on where the kit stands but the modules that decide it, build its reach, and gate scenarios', () => {
    // The standpoint is decided in run/standpoint.ts and becomes behaviour in run/reach.ts;
    // run/needs.ts gates scenarios on it. Everyone else uses the objects those build.
    const deciders = /^support\/(run\/(standpoint|reach|needs)\.ts|test\/)/;
    const branch =
      /\.topology\b|standpoint\.(host|published|yourMachine)\b|registry\.client\b|'unavailable' in [\w.]*\b(host|published|access)\b|\bnew (LocalHost|HelperHost|RootlessEngineMachine|UnreadableHost)\(/;
    const offending = files
      .filter((f) => !deciders.test(f))
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            branch.test(line) && !/^\s*(\/\/|\*|\/\*\*)/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    assert.deepEqual(offending, []);
  });

  it('have no import circle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f, true).filter((i) => i.endsWith('.ts'))]));
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(circles, []);
  });
});
