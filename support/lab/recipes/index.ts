import type { EngineKind } from '../kinds';
import { debianDocker } from './debian-docker';
import { dockerBundle } from './docker-bundle';
import { podman, podmanCgroupV2 } from './podman';
import type { Recipe } from './recipe';

/** The recipe that makes an engine of `kind`. */
export function recipeOf(kind: Pick<EngineKind, 'recipe' | 'product' | 'version'>): Recipe {
  switch (kind.recipe) {
    case 'debian-docker':
      return debianDocker;
    case 'docker-bundle':
      return dockerBundle;
    case 'podman':
      // Podman 6 refuses cgroup v1.
      return Number.parseInt(kind.version, 10) >= 6 ? podmanCgroupV2 : podman;
  }
}
