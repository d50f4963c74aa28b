@images
Feature: Pushing and pulling through a registry

  The notes: a registry is where "podemos ter um usuário com nossas próprias imagens", and
  the flow includes "Aplicar push ou pull em uma imagem no Registry"
  (notes/001-container-processo-e-imagem-fotografia.md); shared layers save "transfer time on push/pull"
  (notes/004-image-vs-container-ports-networks.md).

  A registry stores layers (blobs) by digest and images (manifests) that list them. On a
  push, the client first asks whether each layer is already there and sends only the
  missing ones ("Layer already exists", or "Mounted from" another repository of the same
  registry); on a pull, layers the engine already has are not fetched ("Already exists").
  The kit uses its own registry and layers made of random bytes, so every transfer is real.
  Docs: https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-a-registry/

  @claim:IMG-13 @needs:registry
  Rule: An image pushed to a registry comes back, identical, from a pull

    Scenario: Push, remove, pull
      Given an image of this scenario's own, with a layer of random bytes
      When it is pushed to the registry, removed from the engine and pulled back
      Then the engine has the image again, with the same ID

  @claim:IMG-08 @needs:registry @needs:registry-log
  Rule: Layers the other side already has are not transferred again

    Scenario: Pushing and pulling a second image that shares layers with the first
      Given two images of this scenario's own, the second built on the first plus a layer of its own
      When both are pushed, removed from the engine, and pulled back one after the other
      Then pushing the second sent only its own layer: the shared one already existed
      And pulling the second fetched only its own layer: the shared one already existed
