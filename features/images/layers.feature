@images
Feature: Images are layers, built once and stored once

  The notes: "Cada vez que uma instrução é adicionada em um Dockerfile, uma nova camada é
  criada. Isso permite que o Docker reutilize partes já existentes" (003_39da8978b96b145e.txt);
  "Each layer is uniquely identified and only stored once on a host" and "docker image
  history and inspect commands can teach us" (004_6b55214005eb8d9e.txt).

  Mostly true, with a refinement. Instructions that change the filesystem (RUN, COPY, ADD)
  each add a layer; instructions that only set metadata (ENV, LABEL, CMD, EXPOSE…) add an
  entry to the image's history with size 0 but no layer. (WORKDIR is in between: it creates
  its directory when missing, and the classic builder then commits a layer for it.) The builder caches each
  step: an unchanged Dockerfile rebuilds from cache to the same image, and a changed
  instruction rebuilds from that instruction on. Layers are content-addressed, so two
  images built on one base share the base's layers, on disk once.
  Docs: https://docs.docker.com/build/building/layers/ and
  https://docs.docker.com/build/cache/

  @claim:IMG-05
  Rule: Filesystem instructions add layers; every instruction adds a history entry (refinement)

    Scenario: A Dockerfile with two RUN instructions and three metadata instructions
      Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
      When it is built
      Then the image has 2 more layers than its base
      And `docker image history` has an entry for each of the 5 instructions
      And the metadata instructions' entries add 0 bytes

  @claim:IMG-06
  Rule: The builder reuses the layers of unchanged instructions

    Scenario: Rebuilding an unchanged Dockerfile
      Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
      And it has been built once
      When it is built again unchanged
      Then every step comes from the cache
      And the image ID is the same

    Scenario: Rebuilding after changing a late instruction
      Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
      And it has been built once
      When its second RUN instruction is changed and it is built again
      Then the steps before the change come from the cache and the steps from it on do not

  @claim:IMG-07 @needs:storage-access @serial
  Rule: A layer shared by two images is stored once on the host

    Scenario: Two images built on one base
      Given an image with an 8 MB layer of its own, to serve as a base
      And an image built on it adding 1 MB
      When a second image is built on it adding 1 MB
      Then both images list the base's layers with the same digests
      And the engine's storage grew by about 1 MB, not by the base again
