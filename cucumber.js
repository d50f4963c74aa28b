// Profiles: `default` (serial, live progress), `ci` (every step and its transcript printed),
// `parallel` (KIT_PARALLEL workers, 2 unless set). Pick one with `npm test -- --profile ci`.

// Where the reports go: KIT_REPORTS_DIR, else reports/ (`npm run matrix` gives each engine its own).
const dir = process.env.KIT_REPORTS_DIR || 'reports';
const reports = [
  `html:${dir}/cucumber.html`,
  `message:${dir}/cucumber.ndjson`,
  // The file target keeps Allure's reporter off stdout; it writes into resultsDir.
  ['./support/reports/formatters/allure.js', `${dir}/allure-results/.reporter`],
];
// The kit's progress: a live line on a terminal, a line per scenario elsewhere.
const progress = './support/reports/formatters/progress.js';

// A checkout runs the TypeScript through ts-node; the installed kit is compiled JavaScript.
const compiled = !require('node:fs').existsSync(require('node:path').join(__dirname, 'tsconfig.json'));
const code = compiled ? 'js' : 'ts';

const common = {
  paths: ['features/**/*.feature'],
  requireModule: compiled ? [] : ['ts-node/register'],
  require: [`support/cucumber/**/*.${code}`, `steps/**/*.${code}`],
  strict: true,
  formatOptions: {
    resultsDir: `${dir}/allure-results`,
    // The engine under test, for Allure's Environment (the runner sets it once it has asked).
    environmentInfo: JSON.parse(process.env.KIT_ENVIRONMENT_INFO || '{}'),
    snippetInterface: 'async-await',
  },
};

module.exports = {
  default: { ...common, format: [...reports, progress] },
  ci: { ...common, format: [...reports, 'pretty'] },
  parallel: { ...common, format: [...reports, progress], parallel: Number(process.env.KIT_PARALLEL || 2) },
  // The first attempt of the scenarios KIT_DRILL_FLAKY selects fails on purpose, and is retried
  // once: every report must call them flaky (see the README, "Attempts").
  'flaky-drill': {
    ...common,
    require: [...common.require, `support/test/drills/*.${code}`],
    retry: 1,
    format: [...reports, progress],
  },
  // Scenarios whose observation is made false: see `npm run test:falsified`.
  falsified: {
    ...common,
    paths: ['support/test/falsified/**/*.feature'],
    require: [...common.require, `support/test/falsified/**/*.${code}`],
    format: [...reports, progress],
  },
};
