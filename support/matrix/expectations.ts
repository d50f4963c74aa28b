import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SetupError } from '../common/errors';

/** Why a claim is expected not to pass on an engine. */
export type ExpectationKind = 'divergence' | 'kit-defect' | 'unverifiable';
const KINDS: readonly ExpectationKind[] = ['divergence', 'kit-defect', 'unverifiable'];
const OUTCOMES = ['failed', 'flaky', 'skipped', 'error'] as const;

/** A claim expected not to pass: how it ends instead, why, and whose doing that is. */
export interface Expectation {
  outcome: (typeof OUTCOMES)[number];
  kind: ExpectationKind;
  reason: string;
  /** The reason in Brazilian Portuguese (`reason-pt-BR`), for the Portuguese pages; an English one is shown as written. */
  reasonPt?: string;
}

export type Expectations = Map<string, Expectation>;

/** Where the expectations files are: KIT_EXPECTATIONS_DIR, else expectations/ of the kit. */
export function expectationsDir(root: string): string {
  return process.env.KIT_EXPECTATIONS_DIR || join(root, 'expectations');
}

/**
 * The expectations of engine `id` (expectations/ID.yaml), or undefined when it has none.
 * A file that does not parse, names a claim the catalog lacks, or leaves out the outcome,
 * the kind or the reason is refused in one line.
 */
export function loadExpectations(
  dir: string,
  id: string,
  claimIds: ReadonlySet<string>,
): Expectations | undefined {
  const file = join(dir, `${id}.yaml`);
  return existsSync(file) ? readExpectations(file, claimIds) : undefined;
}

/** The expectations in `file` (see loadExpectations); a file that is not there is refused in one line. */
export function readExpectations(file: string, claimIds: ReadonlySet<string>): Expectations {
  if (!existsSync(file)) {
    throw new SetupError(
      `No expectations file ${file}.`,
      'Name one of expectations/*.yaml, or a file of your own in that format (see the README, "Expectations").',
    );
  }
  const refuse = (what: string): never => {
    throw new SetupError(
      `${file}: ${what}.`,
      'Each entry is CLAIM-ID: { outcome: failed|flaky|skipped|error, kind: divergence|kit-defect|unverifiable, reason: one line } (see the README, "Expectations").',
    );
  };
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return refuse(`not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const expectations: Expectations = new Map();
  if (data === null || data === undefined) return expectations;
  if (typeof data !== 'object' || Array.isArray(data)) return refuse('not a map of claim IDs');
  for (const [claim, entry] of Object.entries(data as Record<string, unknown>)) {
    if (!claimIds.has(claim)) refuse(`"${claim}" is not a claim of the catalog`);
    const { outcome, kind, reason, 'reason-pt-BR': reasonPt } = (entry ?? {}) as Record<string, unknown>;
    if (!OUTCOMES.includes(outcome as Expectation['outcome']))
      refuse(`${claim}: outcome must be one of ${OUTCOMES.join(', ')}, not ${JSON.stringify(outcome)}`);
    if (!KINDS.includes(kind as ExpectationKind))
      refuse(`${claim}: kind must be one of ${KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
    if (typeof reason !== 'string' || !reason.trim() || reason.includes('\n'))
      refuse(`${claim}: reason must be one line of text`);
    if (
      reasonPt !== undefined &&
      (typeof reasonPt !== 'string' || !reasonPt.trim() || reasonPt.includes('\n'))
    )
      refuse(`${claim}: reason-pt-BR, where given, must be one line of text`);
    expectations.set(claim, {
      outcome: outcome as Expectation['outcome'],
      kind: kind as ExpectationKind,
      reason: (reason as string).trim(),
      ...(typeof reasonPt === 'string' ? { reasonPt: reasonPt.trim() } : {}),
    });
  }
  return expectations;
}

/** How a claim's outcome on an engine compares with what was expected there. */
export type Verdict =
  | { ok: true; expected?: Expectation }
  | { ok: false; expected?: Expectation; drift: string };

/**
 * Whether `outcome` is what the expectations say: a listed claim must end as listed, any
 * other must pass. A claim that was not run (filtered out by tags) matches anything.
 */
export function compare(outcome: string, expected: Expectation | undefined): Verdict {
  const passes = outcome === 'passed' || outcome === 'refined';
  if (outcome === 'not run') return { ok: true, expected };
  if (!expected) return passes ? { ok: true } : { ok: false, drift: `new ${outcome}` };
  if (outcome === expected.outcome) return { ok: true, expected };
  if (passes)
    return { ok: false, expected, drift: `expected ${expected.outcome} (${expected.kind}), now passes` };
  return { ok: false, expected, drift: `expected ${expected.outcome} (${expected.kind}), now ${outcome}` };
}

/** Each claim of a run whose outcome is not what `expectations` say: the claim and how it drifted. */
export function driftOf(
  claims: readonly { id: string; outcome: string }[],
  expectations: Expectations,
): { claim: string; drift: string }[] {
  return claims.flatMap((claim) => {
    const verdict = compare(claim.outcome, expectations.get(claim.id));
    return verdict.ok ? [] : [{ claim: claim.id, drift: verdict.drift }];
  });
}
