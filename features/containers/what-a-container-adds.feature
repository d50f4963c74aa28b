@containers
Feature: What a container adds to its image

  The notes say that to turn an image into a container the engine adds "um sistema de
  arquivos de leitura e gravação", settings, network ports, "Nome do contêiner, ID, Volume,
  Limites de recursos", and that a stopped container "pode ser reiniciado e manterá suas
  configurações e quaisquer alterações no sistema de arquivos" (notes/002-docker-image-vs-docker-container.md);
  "A container is just a single read/write layer on top of image" (notes/004-image-vs-container-ports-networks.md).

  So it is: the image's layers stay read-only and shared; the container gets one thin
  writable layer where every change lands (`docker diff` lists them), plus its own
  configuration. Stopping a container ends its process but keeps that layer and that
  configuration, so a start brings back the same container, changes and all. (On the
  containerd image store and on Podman the writable layer holds a few files of the engine's
  from the start, so the kit measures it before and after the write.)
  Docs: https://docs.docker.com/engine/storage/drivers/#container-and-layers

  @claim:CTR-04
  Rule: Writes land in the container's own read/write layer, and the image does not change

    Scenario: A file written in a container
      Given a container whose main process waits forever
      And the container's writable layer has been measured
      When a file is written inside the container
      Then `docker diff` lists the file as added
      And the container's writable layer has grown
      And the image's ID and layers are what they were before

  @claim:CTR-05
  Rule: Creating a container gives it a name, an ID, network settings, ports, volumes and limits

    @needs:memory-limit
    Scenario: Inspecting a new container
      Given a volume
      When a container is run with a name, a published port, the volume and a memory limit
      Then the engine reports its name and a 64-hex-digit ID
      And it has network settings: a network and an IP address on it
      And it has the published port, the volume and the memory limit it was given

  @claim:CTR-06
  Rule: A stopped container keeps its settings and filesystem changes, and can be started again

    Scenario: Stop and start again
      Given a container whose main process waits forever, with GREETING=hello
      And a file written inside the container
      When the container is stopped and started again
      Then it is the same container, running again
      And the file is still there
      And its environment still has GREETING=hello
