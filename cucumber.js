// Profiles: `default` (local, serial), `ci` (no colours, every step printed), `parallel`
// (KIT_PARALLEL workers, 2 unless set). Pick one with `npm test -- --profile ci`.
const reports = [
  'html:reports/cucumber.html',
  'junit:reports/junit.xml',
  'message:reports/cucumber.ndjson',
  // allure-cucumberjs writes into resultsDir; the file target keeps it off stdout.
  ['allure-cucumberjs/reporter', 'reports/allure-results/.reporter'],
];

const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register'],
  require: ['support/cucumber/**/*.ts', 'steps/**/*.ts'],
  strict: true,
  formatOptions: {
    resultsDir: 'reports/allure-results',
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
