// See allure.js: the formatter itself is TypeScript.
module.exports = require('../progress-formatter').default;
