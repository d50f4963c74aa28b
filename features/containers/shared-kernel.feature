@containers
Feature: Containers share the host's kernel

  The notes: "Um container não é uma máquina virtual … compartilha dos mesmos recursos do
  sistema operacional hospedeiro … Virtualização a nível de Sistema Operacional"
  (notes/001-container-processo-e-imagem-fotografia.md); "Leveza: Contêineres compartilham o kernel do SO"
  (notes/003-imagens-e-conteineres.md).

  True. There is one kernel, the host's: a container is processes of that kernel in their
  own namespaces, so `uname -r` inside prints the host's kernel release. Nothing is booted
  and no disk is copied: a new container adds only its own thin writable layer on top of
  layers it shares with every other container of the image.
  Docs: https://docs.docker.com/get-started/docker-overview/#docker-architecture

  @claim:CTR-09
  Rule: Containers share the host's kernel, which makes a new container light

    Scenario: The kernel inside, and the weight of a new container
      Given a container whose main process waits forever
      When its kernel release and its size are looked at
      Then the kernel release inside is the one the engine's host runs
      And its own writable layer is a tiny fraction of its image
