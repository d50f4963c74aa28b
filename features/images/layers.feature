@images
Feature: Images are layers, built once and stored once

  The notes: "Cada vez que uma instrução é adicionada em um Dockerfile, uma nova camada é
  criada. Isso permite que o Docker reutilize partes já existentes" (notes/003-imagens-e-conteineres.md);
  "Each layer is uniquely identified and only stored once on a host" and "docker image
  history and inspect commands can teach us" (notes/004-image-vs-container-ports-networks.md).

  Mostly true, with a refinement. Instructions that change the filesystem (RUN, COPY, ADD)
  each add a layer; instructions that only set metadata (ENV, LABEL, CMD, EXPOSE…) add an
  entry to the image's history with size 0 but no layer. (WORKDIR is in between: it creates
  its directory when missing, and the classic builder then commits a layer for it.) The builder caches each
  step: an unchanged Dockerfile rebuilds from cache to the same image, and a changed
  instruction rebuilds from that instruction on. Layers are content-addressed, so two
  images built on one base share the base's layers, on disk once.
  Two builders do this. The engine's own, through the Engine API: Docker's legacy builder
  (deprecated since Docker 23), or buildah on Podman. And BuildKit, Docker's default since
  23, which the CLI drives (`docker buildx build`; Docker 20.10's CLI with DOCKER_BUILDKIT=1).
  What differs: BuildKit lists as build steps only the instructions that change the
  filesystem (the history still has an entry for every instruction, `EXPOSE [8080/tcp]` where
  the legacy builder writes `EXPOSE 8080`); it reports a reused step as `CACHED` rather than
  "Using cache"; it runs no intermediate containers and leaves no intermediate images, keeping
  its cache in records of its own instead. On the containerd image store (the default of a
  fresh Docker 29 install) it also attaches a provenance attestation to the image, made anew
  by every build, so an unchanged rebuild gets a new image ID there though every step is CACHED.
  Docs: https://docs.docker.com/build/building/layers/ and
  https://docs.docker.com/build/cache/ and https://docs.docker.com/build/buildkit/

  @claim:IMG-05
  Rule: Filesystem instructions add layers; every instruction adds a history entry (refinement)

    Scenario Outline: A Dockerfile with two RUN instructions and three metadata instructions, built with <builder>
      Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
      When it is built with <builder>
      Then the image has 2 more layers than its base
      And `docker image history` has an entry for each of the 5 instructions
      And the metadata instructions' entries add 0 bytes

      Examples: the engine's own builder, through the Engine API
        | builder                    |
        | the engine's own builder   |

      @needs:buildkit
      Examples: BuildKit, through the CLI
        | builder  |
        | BuildKit |

  @claim:IMG-06
  Rule: The builder reuses the layers of unchanged instructions

    Scenario Outline: Rebuilding an unchanged Dockerfile with <builder>
      Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
      And it has been built once with <builder>
      When it is built again unchanged with <builder>
      Then every step comes from the cache
      And the image ID is the same

      Examples: the engine's own builder, through the Engine API
        | builder                    |
        | the engine's own builder   |

      @needs:buildkit
      Examples: BuildKit, through the CLI
        | builder  |
        | BuildKit |

    Scenario Outline: Rebuilding after changing a late instruction, with <builder>
      Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
      And it has been built once with <builder>
      When its second RUN instruction is changed and it is built again with <builder>
      Then the steps before the change come from the cache and the steps from it on do not

      Examples: the engine's own builder, through the Engine API
        | builder                    |
        | the engine's own builder   |

      @needs:buildkit
      Examples: BuildKit, through the CLI
        | builder  |
        | BuildKit |

  @claim:IMG-07 @needs:storage-access
  Rule: A layer shared by two images is stored once on the host

    The kit reads the storage itself, from its own records: Docker's layer database
    (`image/DRIVER/layerdb`, for overlay2, fuse-overlayfs and vfs), Podman's storage
    (`images.json` and `layers.json`, for overlay and vfs), the native snapshotter's
    `metadata.db`, and, for the containerd store's overlayfs snapshotter, the kernel's mount of
    a container's root, an overlay of its image's layer directories. What the second image holds that the first does not is its own layer:
    about 1 MB, not the 8 MB base again. Only these images' own layers are measured, so other
    users of the engine do not count.

    That holds only where layers are stacked. The vfs driver (what `docker:dind` falls back
    to where overlay is unavailable, and what rootless Podman uses without fuse-overlayfs) and
    the containerd store's native snapshotter keep each layer as a whole copy of the layers
    below it: there the second image's layer
    holds the base's 8 MB again, and the claim fails, naming the driver and the bytes. A
    driver the kit does not read (btrfs, zfs) leaves the claim not verified, naming it.

    Scenario: Two images built on one base
      Given an image with an 8 MB layer of its own, to serve as a base
      And an image built on it adding 1 MB
      When a second image is built on it adding 1 MB
      Then both images list the base's layers with the same digests
      And the engine's storage grew by about 1 MB, not by the base again
