import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { kitCommand } from '../common/commands';
import { messageOf, SetupError } from '../common/errors';
import { SUCCESS } from '../common/exit';
import type { ConformanceReport, Outcome } from '../reports/conformance';
import type { ClaimDetail } from '../reports/details';
import { sayDetailEn } from '../reports/details-en';
import { readScenarioRuns, type ScenarioRun } from '../reports/messages';
import { readConformance } from '../reports/writers';

/** One engine run's reports, as `npm test` wrote them on some machine. */
export interface Bundle {
  /** Where it was found, as the user named it (a folder, or an archive and the folder inside). */
  from: string;
  dir: string;
  report: ConformanceReport;
  scenarios: ScenarioRun[];
}

const ARCHIVE = /\.(tgz|tar\.gz|tar\.xz|tar\.zst|tar)$/;

/**
 * Every bundle under `paths`: a folder holding conformance.json is one; any other folder is
 * searched for them (a downloaded set of CI artifacts, a live matrix's folder); an archive is
 * unpacked into `scratch` and searched. A path that is missing, an archive that does not
 * unpack, a bundle that cannot be read, or paths that hold none are refused in one line.
 */
export function findBundles(paths: readonly string[], scratch: string): Bundle[] {
  if (paths.length === 0) {
    throw new SetupError(
      '--merge names no bundle.',
      `Name folders or archives of reports: ${kitCommand('matrix', '--merge DIR...')}`,
    );
  }
  const bundles: Bundle[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      throw new SetupError(
        `${path} does not exist.`,
        `Name folders or archives of bundles (reports folders that ${kitCommand('test')} wrote).`,
      );
    }
    let root = path;
    if (statSync(path).isFile()) {
      if (!ARCHIVE.test(path)) {
        throw new SetupError(
          `${path} is neither a folder nor a tar archive.`,
          'Name a reports folder, a folder of them, or a .tgz/.tar.gz/.tar.xz/.tar of one (unzip a .zip first).',
        );
      }
      root = mkdtempSync(join(scratch, `${basename(path).replace(ARCHIVE, '')}-`));
      const unpacked = spawnSync('tar', ['-xf', path, '-C', root], {
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      if (unpacked.status !== SUCCESS) {
        const why = (unpacked.stderr ?? '').trim().split('\n')[0] || `tar exited ${unpacked.status}`;
        throw new SetupError(
          `${path} does not unpack (${why}).`,
          'Name an intact archive of a reports folder.',
        );
      }
    }
    const found = bundleDirs(root);
    if (found.length === 0) {
      throw new SetupError(
        `${path} holds no bundle (no conformance.json in it or below it).`,
        `Name reports folders that ${kitCommand('test')} wrote, or folders of them.`,
      );
    }
    for (const dir of found) {
      // A copy: the merge writes its matrix where its input may be (a live matrix's folder).
      const copy = mkdtempSync(join(scratch, 'bundle-'));
      cpSync(dir, copy, { recursive: true });
      bundles.push(readBundle(copy, root === path ? dir : `${path}:${relative(root, dir) || '.'}`));
    }
  }
  return bundles;
}

/** The folders under `root` (itself included) that hold a conformance.json, in path order. */
function bundleDirs(root: string): string[] {
  if (existsSync(join(root, 'conformance.json'))) return [root];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => bundleDirs(join(root, e.name)));
}

function readBundle(dir: string, from: string): Bundle {
  const report = readConformance(join(dir, 'conformance.json'), `${from}/conformance.json`);
  const messages = join(dir, 'cucumber.ndjson');
  if (!existsSync(messages)) {
    throw new SetupError(
      `The bundle ${from} has no cucumber.ndjson beside its conformance.json.`,
      `Copy the whole reports folder that ${kitCommand('test')} wrote.`,
    );
  }
  let scenarios: ScenarioRun[];
  try {
    scenarios = readScenarioRuns(messages);
  } catch (error) {
    throw new SetupError(
      `The bundle ${from} has a cucumber.ndjson that cannot be read (${messageOf(error)}).`,
      `Copy the whole reports folder that ${kitCommand('test')} wrote, unedited.`,
    );
  }
  return { from, dir, report, scenarios };
}

/** What must be the same across bundles for their columns to be one matrix. */
const SAME = [
  ['kit commit', (r: ConformanceReport) => r.kit.commit],
  ['claim catalog', (r: ConformanceReport) => r.hashes.catalog.slice(0, 12)],
  ['features', (r: ConformanceReport) => r.hashes.features.slice(0, 12)],
] as const;

/**
 * Where the bundles differ in kit commit, claim catalog or features, one line per difference
 * naming each value and its bundles; empty when they are all of one kit.
 */
export function mixedBundles(bundles: readonly Bundle[]): string[] {
  return SAME.flatMap(([what, of]) => {
    const groups = new Map<string, string[]>();
    for (const b of bundles) groups.set(of(b.report), [...(groups.get(of(b.report)) ?? []), b.from]);
    if (groups.size < 2) return [];
    return [`${what}: ${[...groups].map(([value, from]) => `${value} (${from.join(', ')})`).join('; ')}`];
  });
}

/** Refuses bundles of different kits, catalogs or features in one line, unless `allowMixed`. */
export function requireOneKit(bundles: readonly Bundle[], allowMixed: boolean): void {
  const mixed = mixedBundles(bundles);
  if (mixed.length === 0 || allowMixed) return;
  throw new SetupError(
    `The bundles are not of one kit: ${mixed.join(' | ')}.`,
    'Merge bundles of one kit commit, catalog and features, or pass --allow-mixed to merge them anyway (their columns are marked).',
  );
}

/** Bundles by engine ID, in the order of `engines` when given, then in the order found. */
export function byEngine(bundles: readonly Bundle[], engines?: readonly string[]): Map<string, Bundle[]> {
  const ids = [...(engines ?? []), ...bundles.map((b) => b.report.engineId)];
  const grouped = new Map<string, Bundle[]>();
  for (const id of ids) if (!grouped.has(id)) grouped.set(id, []);
  for (const b of bundles) grouped.get(b.report.engineId)?.push(b);
  // Attempts in the order they ran.
  for (const list of grouped.values())
    list.sort((a, b) => a.report.startedAt.localeCompare(b.report.startedAt));
  return grouped;
}

/** The outcomes that say something about the claim on the engine. */
const VERIFIED = new Set(['passed', 'refined', 'failed', 'error', 'flaky']);

/**
 * The claims of several attempts of one engine as one report: a claim whose attempts all
 * ended alike ends so; one whose attempts disagree is `flaky`, each attempt's outcome named.
 */
export function combineAttempts(reports: readonly ConformanceReport[]): ConformanceReport {
  const [first] = reports;
  if (!first) throw new Error('combineAttempts needs at least one report');
  if (reports.length === 1) return first;
  const claims = first.claims.map((claim) => {
    const all = reports.map((r) => r.claims.find((c) => c.id === claim.id));
    // An attempt that did not verify the claim (skipped, not run) neither agrees nor disagrees.
    const verified = all.filter((c) => c && VERIFIED.has(c.outcome));
    const each = verified.length > 0 ? verified : all;
    const outcomes = each.map((c) => c?.outcome ?? 'not run');
    if (new Set(outcomes).size === 1) {
      const alike = each[0] ?? claim;
      const reason: ClaimDetail = {
        code: 'attempts-alike',
        alike: each.length,
        of: reports.length,
        detail: alike.reason,
      };
      return {
        ...alike,
        reason,
        detail: sayDetailEn(reason, undefined, alike.outcome === 'refined' ? alike.refinement : undefined),
      };
    }
    const reason: ClaimDetail = {
      code: 'attempts-disagree',
      attempts: each.map((c) => ({ outcome: c?.outcome ?? 'not run', ...(c ? { detail: c.reason } : {}) })),
    };
    return { ...claim, outcome: 'flaky' as Outcome, reason, detail: sayDetailEn(reason) };
  });
  const totals = { ...first.totals };
  for (const key of Object.keys(totals) as Outcome[])
    totals[key] = claims.filter((c) => c.outcome === key).length;
  return { ...first, claims, totals, leaks: reports.flatMap((r) => r.leaks) };
}

/** Copies a bundle into the merged matrix's folder, where its transcript pages are written beside it. */
export function placeBundle(bundle: Bundle, dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(bundle.dir, dest, { recursive: true, filter: (src) => !src.includes(`${bundle.dir}/claims`) });
}

/** A folder for unpacked archives, removed by the caller. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'kit-merge-'));
}
