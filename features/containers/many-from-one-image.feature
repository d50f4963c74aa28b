@containers
Feature: One image, many containers, each its own

  The notes compare an image to a class and containers to its objects: "a partir de uma
  imagem, é possível iniciar VÁRIOS containers" (notes/000-container-e-imagem.md; also notes/002-docker-image-vs-docker-container.md and
  notes/004-image-vs-container-ports-networks.md), and say each container can have its own configuration, "como portas, variáveis de
  ambiente e volumes" (notes/003-imagens-e-conteineres.md).

  Both hold. Every `docker run` of the same image makes a new container with its own ID,
  name and writable filesystem; the image is shared, read-only, underneath. The options
  of each run (environment, published ports, volumes) belong to that container alone.
  Docs: https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-a-container/

  @claim:CTR-01
  Rule: Many containers can run from one image at once, each with its own ID, name and filesystem

    Scenario: Three containers from the same image
      Given an image whose main process waits forever
      When 3 containers are run from it
      Then all 3 are running, with 3 different IDs and 3 different names
      And a file written in one of them is in none of the others

  @claim:CTR-12
  Rule: Each container has its own ports, environment variables and volumes

    Scenario: Two web servers from one image, configured differently
      Given the web server image
      When two containers are run from it, each with its own GREETING, host port and volume
      Then each container sees its own GREETING
      And each container answers on its own host port
      And each container sees only what was written to its own volume
