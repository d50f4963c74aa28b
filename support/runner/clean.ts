import { messageOf } from '../common/errors';
import { connectEngine } from '../engine/endpoint';
import { fingerprintEngine } from '../engine/fingerprint';
import { CACHE_LABEL, RUN_LABEL } from '../hygiene/labels';
import { describeObjects, sweepAbandoned } from '../hygiene/sweep';
import { labEngines } from '../lab/engine';
import { labCache, removeRootfsCache } from '../lab/rootfs';

// Podman lists local images fully qualified (docker.io/… or localhost/…).
const KIT_REPOSITORY = /^(?:(?:docker\.io|localhost)\/)?docker-conformance-kit\//;

const USAGE = 'npm run clean [-- images | lab]';

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
    process.stderr.write(
      `docker-conformance-kit: clean takes "images", "lab" or nothing, not "${argv.join(' ')}". Use: ${USAGE}\n`,
    );
    return 2;
  }
  const lab = what === 'images' ? 0 : cleanLab();
  const engine = what === 'lab' ? 0 : await cleanEngine();
  return Math.max(lab, engine);
}

function cleanLab(): number {
  const up = labEngines();
  if (up.length > 0) {
    say(
      `kept the lab's root filesystems: ${up.map((e) => e.id).join(', ')} ${up.length === 1 ? 'is' : 'are'} up (npm run lab -- down --all, then clean again)`,
    );
    return 1;
  }
  try {
    const removed = removeRootfsCache();
    say(
      removed.length > 0
        ? `removed the lab's root filesystems: ${removed.join(', ')}`
        : `no lab root filesystem in ${labCache()}/rootfs`,
    );
    return 0;
  } catch (error) {
    say(
      `could not remove the lab's root filesystems in ${labCache()}/rootfs: ${messageOf(error)} (they are root's: sudo npm run clean)`,
    );
    return 1;
  }
}

async function cleanEngine(): Promise<number> {
  const docker = connectEngine();
  try {
    await fingerprintEngine(docker);
  } catch (error) {
    // No engine at the default socket is nothing to clean; one named in DOCKER_HOST is a mistake.
    say(`left the engine alone: ${messageOf(error)}`);
    return process.env.DOCKER_HOST ? 2 : 0;
  }
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
  return 0;
}

function say(line: string): void {
  process.stdout.write(`clean: ${line}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`docker-conformance-kit: ${messageOf(error)}\n`);
    process.exit(2);
  },
);
