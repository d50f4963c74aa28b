@containers
Feature: Listing containers

  The notes: "você pode ver seus contêineres em execução com docker ps (e você pode ver
  todos os contêineres com docker ps -a)" (notes/002-docker-image-vs-docker-container.md).

  Right: `docker ps` shows running containers only; `-a` adds those that have stopped (and
  those created but never started). The kit filters by its own labels so that whatever
  else runs on the engine does not get in the way.
  Docs: https://docs.docker.com/reference/cli/docker/container/ls/

  @claim:CTR-07
  Rule: docker ps lists running containers; docker ps -a lists stopped ones too

    Scenario: A running and an exited container
      Given a running container and an exited container
      When the containers are listed with `docker ps` and with `docker ps -a`
      Then `docker ps` lists only the running one
      And `docker ps -a` lists both
