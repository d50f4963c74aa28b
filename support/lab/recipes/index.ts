import type { EngineKind } from '../kinds';
import { debianDocker, extraDaemonConfig } from './debian-docker';
import { dockerBundle } from './docker-bundle';
import { extraContainersConf, podman, podmanCgroupV2 } from './podman';
import { podmanRootless } from './podman-rootless';
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
    case 'podman-rootless':
      return podmanRootless(Number.parseInt(kind.version ?? '0', 10) >= 6);
  }
}

/**
 * The user's settings for every lab engine (KIT_LAB_DAEMON_JSON for Docker, KIT_LAB_CONTAINERS_CONF
 * for Podman), checked before any engine is brought up: a bad one is one line.
 */
export function checkLabSettings(): void {
  extraDaemonConfig();
  extraContainersConf();
}

/** A product as its engine names itself: "Docker Engine 29.7.2, containerd image store". */
export function describeProduct(product: EngineKind['product'], version: string, store?: string): string {
  return `${product === 'podman' ? 'Podman' : 'Docker Engine'} ${version}${store ? `, ${store} image store` : ''}`;
}
