// Profiles: `default` (local, serial), `ci` (no colours, every step printed), `parallel`
// (KIT_PARALLEL workers, 2 unless set). Pick one with `npm test -- --profile ci`.
// Where the reports go: KIT_REPORTS_DIR, else reports/ (`npm run matrix` gives each engine its own).
const dir = process.env.KIT_REPORTS_DIR || 'reports';
const reports = [
  `html:${dir}/cucumber.html`,
  `junit:${dir}/junit.xml`,
  `message:${dir}/cucumber.ndjson`,
  // allure-cucumberjs writes into resultsDir; the file target keeps it off stdout.
  ['allure-cucumberjs/reporter', `${dir}/allure-results/.reporter`],
];

const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register'],
  require: ['support/cucumber/**/*.ts', 'steps/**/*.ts'],
  strict: true,
  formatOptions: {
    resultsDir: `${dir}/allure-results`,
    junit: { suiteName: 'docker-conformance-kit' },
    snippetInterface: 'async-await',
  },
};

module.exports = {
  default: { ...common, format: [...reports, 'progress'] },
  ci: { ...common, format: [...reports, 'pretty'] },
  parallel: { ...common, format: [...reports, 'progress'], parallel: Number(process.env.KIT_PARALLEL || 2) },
  // Scenarios whose observation is made false: see `npm run test:falsified`.
  falsified: {
    ...common,
    paths: ['support/test/falsified/**/*.feature'],
    require: [...common.require, 'support/test/falsified/**/*.ts'],
    format: [...reports, 'progress'],
  },
};
