// cucumber-js imports formatters by path, and the kit's are TypeScript: in a checkout ts-node
// (already registered for the support code) compiles them on require; in the installed kit
// they are compiled beside this file. Hence no extension.
module.exports = require('../allure-reporter').default;
