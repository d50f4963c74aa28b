import { existsSync } from 'node:fs';
import { kitCommand } from '../common/commands';
import { messageOf, SetupError } from '../common/errors';
import { connectEngine, resolveEndpoint } from '../engine/endpoint';
import { fingerprintEngine } from '../engine/fingerprint';
import { CACHE_LABEL, RUN_LABEL } from '../hygiene/labels';
import { describeObjects, sweepAbandoned } from '../hygiene/sweep';
import { labEngines } from '../lab/engine';
import { labCache, removeRootfsCache } from '../lab/rootfs';
import { EXIT, runCommand } from './command';

// Podman lists local images fully qualified (docker.io/… or localhost/…).
const KIT_REPOSITORY = /^(?:(?:docker\.io|localhost)\/)?docker-conformance-kit\//;

const usage = () => kitCommand('clean', '[images | lab]');

/**
 * `npm run clean`: removes what runs that died left on the engine and the kit's cached base
 * and fixture images there (repository docker-conformance-kit/*, label
 * docker-conformance-kit.cache), and the lab's cached root filesystems (when no lab engine is
 * up). `images` or `lab` cleans only that. Images of the user's, even ones built on a kit
 * image, are not touched.
 */
async function main(argv: string[]): Promise<number> {
  const [what, ...rest] = argv;
  if (rest.length > 0 || (what !== undefined && what !== 'images' && what !== 'lab')) {
    throw new SetupError(
      `Clean takes "images", "lab" or nothing, not "${argv.join(' ')}".`,
      `Use: ${usage()}`,
    );
  }
  const lab = what === 'images' ? 0 : await cleanLab();
  const engine = what === 'lab' ? 0 : await cleanEngine();
  return Math.max(lab, engine);
}

async function cleanLab(): Promise<number> {
  const where = `${labCache()}/rootfs`;
  try {
    const { removed, up, mounted } = await removeRootfsCache(
      () => labEngines().map((e) => e.id),
      (suite) =>
        say(
          `waiting for the ${suite} root filesystem's lock (a build, a bring-up or another clean holds it)`,
        ),
    );
    if (up.length > 0) {
      say(
        `kept the lab's root filesystems: ${up.join(', ')} ${up.length === 1 ? 'is' : 'are'} up (${kitCommand('lab', 'down --all')}, then clean again)`,
      );
    }
    for (const { path, mounts } of mounted) {
      say(
        `kept ${path}, which has ${mounts.join(', ')} mounted under it (sudo umount ${mounts.join(' ')}, then clean again)`,
      );
    }
    if (removed.length > 0) say(`removed the lab's root filesystems: ${removed.join(', ')}`);
    else if (up.length === 0 && mounted.length === 0) say(`no lab root filesystem in ${where}`);
    return up.length > 0 || mounted.length > 0 ? EXIT.notAsExpected : EXIT.ok;
  } catch (error) {
    say(
      `could not remove the lab's root filesystems in ${where}: ${messageOf(error)} (they are root's: sudo ${kitCommand('clean')})`,
    );
    return EXIT.notAsExpected;
  }
}

async function cleanEngine(): Promise<number> {
  const endpoint = resolveEndpoint();
  // The CLI falls back to the default socket only when neither DOCKER_HOST nor a context
  // names an engine: with nothing there, there is nothing to clean. An engine that was named,
  // or a socket there that does not answer (permission denied), is an error, from fingerprintEngine.
  const named = endpoint.source === 'DOCKER_HOST' || endpoint.cliEnv.DOCKER_CONTEXT !== undefined;
  if (!named && !existsSync(endpoint.host.slice('unix://'.length))) {
    say(`no engine at ${endpoint.host}, nothing to clean there`);
    return EXIT.ok;
  }
  const docker = connectEngine(endpoint);
  await fingerprintEngine(docker);
  const swept = await sweepAbandoned(docker);
  if (swept.length > 0) say(`removed what runs that died left: ${describeObjects(swept)}`);
  const cached = await docker.listImages({ filters: JSON.stringify({ label: [CACHE_LABEL] }) });
  const tags = cached
    .filter((image) => !image.Labels?.[RUN_LABEL])
    .flatMap((image) => (image.RepoTags ?? []).filter((tag) => KIT_REPOSITORY.test(tag)));
  for (const tag of tags) {
    await docker.getImage(tag).remove();
    say(`removed ${tag}`);
  }
  say(`${tags.length} cached image(s) removed from the engine`);
  return EXIT.ok;
}

function say(line: string): void {
  process.stdout.write(`clean: ${line}\n`);
}

runCommand('clean', 'clean', main);
