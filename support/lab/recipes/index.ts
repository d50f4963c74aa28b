import type { EngineKind } from '../kinds';
import { debianDocker } from './debian-docker';
import { dockerBundle } from './docker-bundle';
import { podman, podmanCgroupV2 } from './podman';
import type { Recipe } from './recipe';

/** The recipe that makes an engine of `kind`. */
export function recipeOf(
  kind: Partial<Pick<EngineKind, 'recipe' | 'version'>> & Pick<EngineKind, 'product'>,
): Recipe {
  // An engine recorded by an older kit (its lab.json) names no recipe: its product says which.
  switch (kind.recipe ?? (kind.product === 'podman' ? 'podman' : 'debian-docker')) {
    case 'debian-docker':
      return debianDocker;
    case 'docker-bundle':
      return dockerBundle;
    case 'podman':
      // Podman 6 refuses cgroup v1.
      return Number.parseInt(kind.version ?? '0', 10) >= 6 ? podmanCgroupV2 : podman;
  }
}
