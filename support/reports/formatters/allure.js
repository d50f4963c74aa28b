// cucumber-js imports formatters by path; the kit's are TypeScript, which ts-node (already
// registered for the support code) compiles on require.
module.exports = require('../allure-reporter.ts').default;
