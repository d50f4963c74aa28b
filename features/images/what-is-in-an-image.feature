@images
Feature: What an image is, and is not

  The notes: an image is "an ordered collection of root filesystem changes and the
  corresponding execution parameters"; it is "Not a complete OS. No kernel, kernel modules",
  can be "Small as one file (your app binary)"; `docker run` "Starts container by using the
  CMD in the image" (notes/004-image-vs-container-ports-networks.md); images are immutable, "Imutabilidade"
  (notes/003-imagens-e-conteineres.md), the image "vai permanecer imutável" (notes/002-docker-image-vs-docker-container.md); and the learner asks "UMA IMAGEM É SERIA
  UMA MAQUINA VIRTUAL ENTAO?" (notes/001-container-processo-e-imagem-fotografia.md).

  An image is files plus settings. It has no kernel: every container runs on the host's.
  It can hold a single static binary and nothing else. Its settings (CMD, ENV, EXPOSE,
  WORKDIR…) are what a container starts with unless `docker run` says otherwise. It is
  read-only: containers write to layers of their own, never to it. So no, not a VM.
  Docs: https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-an-image/

  @claim:IMG-09
  Rule: What a container changes does not change its image

    Scenario: A file written in one container, looked for in the next
      Given a container whose main process waits forever
      When a file is written inside the container
      Then a new container from the same image does not have the file
      And the image's ID and layers are what they were before

  @claim:IMG-10
  Rule: An image has no kernel: its containers run on the host's

    Scenario: The kernel a container runs on
      Given a container whose main process waits forever
      When its kernel release and its size are looked at
      Then the kernel release inside is the one the engine's host runs
      And the image holds no kernel and no kernel modules

  @claim:IMG-11
  Rule: An image can be one static binary and nothing else

    Scenario: An image FROM scratch holding a single file
      Given an image built FROM scratch with one static binary copied in
      When a container runs it
      Then the program runs and prints its greeting
      And the image's files are that one binary

  @claim:IMG-12
  Rule: An image carries how to run it; a container starts with its CMD unless told otherwise

    Scenario: The image's settings, its CMD, and a command given at run time
      Given an image with ENV, EXPOSE, WORKDIR and CMD settings
      When it is run once without a command and once with one
      Then `docker inspect` shows its Cmd, Env, ExposedPorts and WorkingDir
      And the run without a command ran the image's CMD, in its WORKDIR with its ENV
      And the run with a command ran that command instead
