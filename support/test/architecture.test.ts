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

/**
 * The aliases a file keeps something under that it also gave the call that made it, as the
 * World's run, network, build and volume do in one call: `set('x', await make('x'…))`,
 * `set(alias, await make(alias…))`, or through a variable the step declared
 * (`const ref = name('x'); set('x', await build(ref…))`). Reading what is kept (`get('x')`)
 * to replace it is not making it.
 */
function aliasesTypedTwice(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(
    /\b(?:containers|networks|images|volumes)\.set\(\s*('[\w-]+'|\w+)\s*,([^;]*)/g,
  )) {
    const alias = m[1] as string;
    const made = (m[2] as string).replace(/\.get\(\s*'[\w-]+'\s*\)/g, '');
    const named = (t: string) =>
      alias.startsWith("'") ? t.includes(alias) : new RegExp(String.raw`\b${alias}\b`).test(t);
    // The step's body so far: where the variables it passes on were declared.
    const body =
      text
        .slice(0, m.index)
        .split(/\bfunction\b/)
        .at(-1) ?? '';
    const held = [...made.matchAll(/\b[A-Za-z_]\w*\b/g)].some((id) =>
      [...body.matchAll(new RegExp(String.raw`\b(?:const|let)\s+${id[0]}\s*=([^;]*)`, 'g'))].some((d) =>
        named(d[1] as string),
      ),
    );
    if (named(made) || held) found.push(alias);
  }
  return found;
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

  it('steps judge through the World', () => {
    const offending = sources('steps').filter((f) =>
      readFileSync(join(ROOT, f), 'utf8').includes('expectClaim('),
    );
    assert.deepEqual(offending, []);
  });

  it('steps make a container, a network, an image or a volume under an alias in one call', () => {
    const offending = [
      ...sources('steps'),
      ...sources('support/scenario'),
      ...sources('support/test/falsified'),
    ]
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        aliasesTypedTwice(readFileSync(join(ROOT, f), 'utf8')).map((a) => `${f} types the alias ${a} twice`),
      );
    assert.deepEqual(offending, []);
  });

  it('compare and write exit codes by name, through the two tables', () => {
    // What holds an exit code: a run's exitCode, the API's StatusCode, a child's code or its
    // spawnSync status. An HTTP status is three digits, an exit code's status is below 100.
    const held = String.raw`\b(?:exitCode|ExitCode|StatusCode|code|signalCode)\)?`;
    const op = String.raw`\s*(?:===|!==|==|!=|>=|<=|>|<)\s*`;
    const bare = new RegExp(
      [
        String.raw`${held}${op}-?\d+\b`,
        String.raw`-?\b\d+${op}[\w.]*${held}`,
        String.raw`\bstatus\)?${op}\d{1,2}\b`,
        String.raw`\bexitCode:\s*-?\d+\b`,
        String.raw`\bexitCode:[^,]*\?\s*-?\d+\s*:`,
      ].join('|'),
      'g',
    );
    const tables = ['support/common/exit.ts', 'support/runner/command.ts'];
    // Rewritten apart with COMMAND_EXIT's names (issue 32): each leaves this list when it is.
    const offending = files
      .filter((f) => !f.endsWith('.test.ts') && !tables.includes(f))
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => [...line.matchAll(bare)].map((m) => `${f}:${i + 1} ${m[0].trim()}`)),
      );
    assert.deepEqual(offending, []);
  });

  it('a container and an image are thrown away by one helper each (engine/objects.ts)', () => {
    // clean.ts removes the kit's cached images without force: one a container uses stays.
    const own = ['support/engine/objects.ts', 'support/runner/clean.ts'];
    const offending = files
      .filter((f) => !f.endsWith('.test.ts') && !own.includes(f))
      .filter((f) =>
        /\.get(Image|Container)\([^)]*\)\s*\.remove\(/.test(readFileSync(join(ROOT, f), 'utf8')),
      );
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
