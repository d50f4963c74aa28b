@images
Feature: docker run pulls an image it does not have

  The notes say that when the image of a container does not exist, Docker "tentará puxá-la
  do Docker Hub e criá-la antes de subir o container" (notes/000-container-e-imagem.md), and list
  the steps of `docker container run`: look in the local image cache, find nothing, look in
  the registry, download (notes/004-image-vs-container-ports-networks.md).

  True of the `docker` command. The refinement: the pull is the client's doing. The engine
  itself, asked through its API to create a container from an image it lacks, answers
  404 "No such image" and pulls nothing; the CLI sees that answer, prints "Unable to find
  image … locally", pulls, and creates the container again. Other API clients (SDKs,
  compose tools) must pull for themselves.
  The kit uses its own registry and an image made for the scenario, so the miss is real, and
  takes the proof of the pull from the registry's own log: the engine asked it for the
  image's manifest. (The CLI's "Downloaded newer image" line is Docker's wording; Podman's
  compatible API sends no such line, though it pulls just the same.)
  Docs: https://docs.docker.com/reference/cli/docker/container/run/#pull

  @claim:IMG-02 @needs:registry @needs:registry-log
  Rule: The docker CLI pulls on a miss, then creates and starts the container

    Scenario: Running an image that is only in the registry
      Given an image that is in the registry but not on the engine
      When I run it with `docker run`
      Then the CLI says it cannot find the image locally and pulls it
      And the container ran the image's program
      And the image is on the engine afterwards

  @claim:IMG-02 @needs:registry
  Rule: The Engine API alone does not pull (refinement)

    Scenario: Creating a container through the API from an image the engine lacks
      Given an image that is in the registry but not on the engine
      When a container is created from it through the Engine API
      Then the engine answers 404 "No such image"
      And the image is still not on the engine
