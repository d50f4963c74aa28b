import { defineParameterType } from '@cucumber/cucumber';
import type { Builder } from '../scenario/images';

/** A signal name as `kill -s` takes it: SIGKILL, SIGTERM. */
defineParameterType({ name: 'signal', regexp: /SIG[A-Z0-9]+/, transformer: (s: string) => s });

/** The scenario's name for one of its containers: "the first container", "the new container". */
defineParameterType({
  name: 'container',
  regexp: /first|second|new|main|running|exited/,
  transformer: (s: string) => s,
});

/** Who builds an image: the engine's own builder through the Engine API, or BuildKit through the CLI. */
defineParameterType({
  name: 'builder',
  regexp: /the engine's own builder|BuildKit/,
  transformer: (s: string): Builder => (s === 'BuildKit' ? 'buildkit' : 'api'),
});
