@containers
Feature: Containers are ephemeral, volumes keep data

  The notes: "Efemeridade: Contêineres são temporários, mas podem ser mantidos com volumes
  para persistência de dados" (notes/003-imagens-e-conteineres.md).

  A container's writable layer is removed with the container; a volume is an object of its
  own, managed by the engine, that outlives every container that mounts it. Data written
  under the volume's mount point survives; data written anywhere else does not.
  Docs: https://docs.docker.com/engine/storage/volumes/

  @claim:CTR-11
  Rule: A volume's data outlives its container; the container's own files go with it

    Scenario: Removing a container that wrote into a volume and outside it
      Given a volume
      And a container that wrote one file into the volume and one outside it
      When the container is removed and a new one is started with the same volume
      Then the new container sees the file written into the volume
      And the file written outside the volume is not there
