import { messageOf } from '../common/errors';
import { connectEngine } from '../engine/endpoint';
import { fingerprintEngine } from '../engine/fingerprint';
import { CACHE_LABEL, RUN_LABEL } from '../hygiene/labels';
import { describeObjects, sweepAbandoned } from '../hygiene/sweep';

// Podman lists local images fully qualified (docker.io/… or localhost/…).
const KIT_REPOSITORY = /^(?:(?:docker\.io|localhost)\/)?docker-conformance-kit\//;

/**
 * `npm run clean`: removes what runs that died left, and the kit's cached base and fixture
 * images (repository docker-conformance-kit/*, label docker-conformance-kit.cache). Images
 * of the user's, even ones built on a kit image, are not touched.
 */
async function main(): Promise<void> {
  const docker = connectEngine();
  await fingerprintEngine(docker);
  const swept = await sweepAbandoned(docker);
  if (swept.length > 0) console.log(`removed what runs that died left: ${describeObjects(swept)}`);
  const cached = await docker.listImages({ filters: JSON.stringify({ label: [CACHE_LABEL] }) });
  const tags = cached
    .filter((image) => !image.Labels?.[RUN_LABEL])
    .flatMap((image) => (image.RepoTags ?? []).filter((tag) => KIT_REPOSITORY.test(tag)));
  for (const tag of tags) {
    await docker.getImage(tag).remove();
    console.log(`removed ${tag}`);
  }
  console.log(`clean: ${tags.length} cached image(s) removed`);
}

main().catch((error: unknown) => {
  process.stderr.write(`docker-conformance-kit: ${messageOf(error)}\n`);
  process.exit(2);
});
