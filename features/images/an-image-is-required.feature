@images
Feature: No image, no container

  The notes: "Sem uma Imagem, um Container não pode existir" (notes/000-container-e-imagem.md).

  True: a container is made from an image's filesystem and settings, so a reference that
  neither the engine nor the registry has ends the `docker run` with a "not found" error,
  before any container exists. (The image need not be local: see pull-on-miss.feature.)
  Docs: https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-an-image/

  @claim:IMG-01 @needs:registry
  Rule: A container cannot be created from an image that exists nowhere

    Scenario: Running a reference that neither the engine nor the registry has
      Given a reference that neither the engine nor the registry has
      When I run it with `docker run`
      Then the run fails saying the image was not found
      And no container was created
