import createDebug from 'debug';

/** Debug namespaces; turn them on with DEBUG=kit* (see the README, "Debug logging"). */
export const log = {
  kit: createDebug('kit'),
  cli: createDebug('kit:cli'),
  api: createDebug('kit:api'),
  cleanup: createDebug('kit:cleanup'),
  fixtures: createDebug('kit:fixtures'),
  registry: createDebug('kit:registry'),
};
