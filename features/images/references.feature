@images
Feature: Image references: default registry and default tag

  The notes: "Docker's default image registry is called Docker Hub" and `docker container run
  nginx` "Downloads the latest version (nginx:latest by default)" (notes/004-image-vs-container-ports-networks.md);
  "`docker run nginx` … cria-se uma instância da imagem `nginx:latest`" (notes/003-imagens-e-conteineres.md).

  Both are rules of reference normalisation, applied before any network is touched: a name
  without a registry host means Docker Hub (`docker.io`), a name without a path on Docker
  Hub means the `library/` namespace of official images, and a reference without a tag
  means `:latest`. So `nginx` is `docker.io/library/nginx:latest`. `latest` is only a
  default tag name, not "the newest": it is whatever was last pushed with that tag.
  Offline, the kit shows the pull on an engine whose pulls from Docker Hub go through a
  registry mirror of its own (the lab's docker-28.5-mirror): an engine consults a mirror only
  for Docker Hub's images, and the mirror's log shows the path it was asked for.
  Docs: https://docs.docker.com/reference/cli/docker/image/tag/#description and
  https://docs.docker.com/docker-hub/image-library/mirror/

  @claim:IMG-03
  Rule: A bare name means docker.io/library/NAME

    Scenario: The engine finds a bare-named image under its normalised reference
      Given an image of this scenario's own, tagged with a bare name
      When the image is looked up as docker.io/library/NAME:latest
      Then the engine finds the same image

    @online
    Scenario: Pulling a bare name reaches Docker Hub
      When `docker pull busybox` runs
      Then the CLI says it pulled docker.io/library/busybox:latest

    @needs:registry-mirror
    Scenario: Pulling a bare name asks the default registry for library/NAME, through its mirror
      Given the engine's mirror of the default registry holds an image as library/busybox:latest
      When `docker pull busybox` runs
      Then the mirror was asked for library/busybox:latest

  @claim:IMG-04
  Rule: A reference without a tag means :latest

    Scenario: Tagging and running without a tag
      Given an image of this scenario's own, tagged with a bare name
      When the image is listed and run by its name without a tag
      Then `docker images` lists it with the tag latest
      And the container runs the NAME:latest image

    @needs:registry
    Scenario: Pulling without a tag
      Given an image pushed to the registry as REPOSITORY:latest and removed from the engine
      When `docker pull REPOSITORY` runs without a tag
      Then the CLI says it uses the default tag latest
      And the engine has REPOSITORY:latest afterwards
