import { defineParameterType } from '@cucumber/cucumber';

/** A signal name as `kill -s` takes it: SIGKILL, SIGTERM. */
defineParameterType({ name: 'signal', regexp: /SIG[A-Z0-9]+/, transformer: (s: string) => s });

/** The scenario's name for one of its containers: "the first container", "the new container". */
defineParameterType({
  name: 'container',
  regexp: /first|second|new|main|running|exited/,
  transformer: (s: string) => s,
});
