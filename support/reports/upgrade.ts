import type { ObservedFrom } from '../common/reasons';
import type { Matrix } from '../matrix/model';
import {
  type ClaimResult,
  type ConformanceReport,
  REPORT_SCHEMA,
  type ReportedScenario,
} from './conformance';

/** The schema before reasons were records (schemas/conformance-3.schema.json), which the kit still reads. */
export const EARLIER_SCHEMA = 3;

type EarlierScenario = Omit<ReportedScenario, 'reason' | 'yourMachine' | 'observations'> & {
  observations?: { command: string; observedFrom: string; onEngineHost?: string }[];
  yourMachine?: string;
};

/** A conformance.json of schema 3: its details are English sentences only. */
export type EarlierReport = Omit<ConformanceReport, 'schema' | 'claims'> & {
  schema: typeof EARLIER_SCHEMA;
  claims: (Omit<ClaimResult, 'reason' | 'scenarios'> & { scenarios: EarlierScenario[] })[];
};

/** How schema 3 wrote where a look was made from, before it was a code. */
const OBSERVED_FROM: Record<string, ObservedFrom> = {
  'this machine': 'this-machine',
  "the engine's host, through the kit's helper container": 'helper',
  "the engine's address": 'engine-address',
};

/**
 * A report of schema 3 as one of today's: each detail becomes a record of what it says as it
 * was written (`recorded`: shown as recorded, in English, in every edition), since a sentence
 * is not parsed back into facts; where a look was made from becomes its code.
 */
export function upgradeReport(report: EarlierReport): ConformanceReport {
  return {
    ...report,
    schema: REPORT_SCHEMA,
    claims: report.claims.map((claim) => ({
      ...claim,
      reason: { code: 'recorded', text: claim.detail },
      scenarios: claim.scenarios.map(({ yourMachine: _, observations, ...scenario }) => ({
        ...scenario,
        reason: { code: 'recorded', text: scenario.detail },
        ...(observations
          ? {
              observations: observations.map((o) => ({
                ...o,
                observedFrom: OBSERVED_FROM[o.observedFrom] ?? (o.observedFrom as ObservedFrom),
              })),
            }
          : {}),
      })),
    })),
  };
}

/**
 * A matrix.json as today's (schema 2): one of schema 1 (the kit before reasons were records)
 * keeps each cell's English detail as recorded.
 */
export function upgradeMatrix(matrix: Matrix | (Omit<Matrix, 'schema'> & { schema: 1 })): Matrix {
  if (matrix.schema === 2) return matrix;
  return {
    ...matrix,
    schema: 2,
    rows: matrix.rows.map((row) => ({
      ...row,
      cells: Object.fromEntries(
        Object.entries(row.cells).map(([id, cell]) => {
          const { detail = '', ...rest } = cell as typeof cell & { detail?: string };
          return [id, { ...rest, reason: rest.reason ?? { code: 'recorded', text: detail } }];
        }),
      ),
    })),
  };
}
