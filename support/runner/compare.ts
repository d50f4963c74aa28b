import { kitCommand } from '../common/commands';
import { SetupError } from '../common/errors';
import { describeEngine } from '../engine/fingerprint';
import { type ConformanceReport, MARK } from '../reports/conformance';
import { readConformance } from '../reports/writers';
import { EXIT, runCommand } from './command';

/**
 * `npm run compare -- A.json B.json`: what changed between two runs' conformance.json — the
 * engine, the kit, the CLI and the selection, each claim whose outcome changed, and the time.
 */
function main(argv: string[]): number {
  if (argv.length !== 2) {
    throw new SetupError(
      'Compare takes two conformance.json files.',
      `Use: ${kitCommand('compare', 'A.json B.json')}`,
    );
  }
  const [a, b] = argv.map((file) => readConformance(file)) as [ConformanceReport, ConformanceReport];
  const lines: string[] = [
    `Comparing ${argv[0]} (A, ${a.startedAt}) with ${argv[1]} (B, ${b.startedAt})`,
    '',
  ];
  const changed = (label: string, x: string, y: string) => {
    if (x !== y) lines.push(`  ${label}: ${x} → ${y}`);
  };
  lines.push('What ran:');
  const engineA = new Map(describeEngine(a.engine));
  for (const [key, value] of describeEngine(b.engine)) changed(key, engineA.get(key) ?? '–', value);
  changed('Kit', `${a.kit.version} (${a.kit.commit})`, `${b.kit.version} (${b.kit.commit})`);
  changed('Docker CLI', a.cli.version, b.cli.version);
  changed('Tags', a.selection.tags.join(' ') || 'all', b.selection.tags.join(' ') || 'all');
  changed(
    'Profiles',
    a.selection.profiles.join(' ') || 'default',
    b.selection.profiles.join(' ') || 'default',
  );
  if (lines.at(-1) === 'What ran:') lines.push('  the same engine, kit, CLI and selection');
  lines.push('', 'Claims whose outcome changed:');
  const before = new Map(a.claims.map((c) => [c.id, c]));
  const differing = b.claims.filter((c) => before.get(c.id)?.outcome !== c.outcome);
  for (const claim of differing) {
    const was = before.get(claim.id);
    lines.push(
      `  ${claim.id}: ${was ? MARK[was.outcome] : 'absent'} → ${MARK[claim.outcome]}${claim.detail ? ` — ${claim.detail.split('\n')[0]}` : ''}`,
    );
  }
  if (differing.length === 0) lines.push('  none');
  lines.push('', `Time: ${a.seconds} s → ${b.seconds} s`);
  const slower = slowerScenarios(a, b);
  if (slower.length > 0) lines.push('Scenarios at least 2 s and 50% slower:', ...slower);
  process.stdout.write(`${lines.join('\n')}\n`);
  return differing.length === 0 ? EXIT.ok : EXIT.notAsExpected;
}

function slowerScenarios(a: ConformanceReport, b: ConformanceReport): string[] {
  const timeIn = (r: ConformanceReport) =>
    new Map(r.claims.flatMap((c) => c.scenarios.map((s) => [s.name, s.durationMs] as const)));
  const [ta, tb] = [timeIn(a), timeIn(b)];
  return [...tb]
    .filter(([name, ms]) => (ta.get(name) ?? ms) + 2000 <= ms && ms >= 1.5 * (ta.get(name) ?? ms))
    .map(
      ([name, ms]) => `  ${name}: ${((ta.get(name) ?? 0) / 1000).toFixed(1)} s → ${(ms / 1000).toFixed(1)} s`,
    );
}

runCommand('compare', 'compare', main);
