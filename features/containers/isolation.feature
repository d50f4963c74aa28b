@containers
Feature: A container is isolated, and believes it has its own OS

  The notes say containers are isolated ("Isolamento", notes/003-imagens-e-conteineres.md; "instância
  isolada", notes/001-container-processo-e-imagem-fotografia.md), that the container is fooled into thinking "que ele
  está rodando dentro de um OS próprio" (notes/000-container-e-imagem.md), and that it carries
  what it needs: "Sistema Operacional (Binários e Bibliotecas)" (notes/001-container-processo-e-imagem-fotografia.md).

  Namespaces give each container its own view: its own hostname (UTS), its own root
  filesystem, made from its image (mount), its own process tree (PID) and its own network
  stack (net). Programs inside run from the image's files; the host's programs are not
  there. What is shared is the kernel (see shared-kernel.feature).
  Docs: https://docs.docker.com/engine/security/#kernel-namespaces

  @claim:CTR-08
  Rule: Containers are isolated from each other: own filesystem, processes and network

    Scenario: What one container does, another does not see
      Given two containers from the same image, whose main processes wait forever
      When the first container writes a file and starts a second process
      Then the second container does not have the file
      And the second container's process list does not have that process
      And each container has its own network address

  @claim:CTR-13
  Rule: A container sees its own hostname, root filesystem and process list

    Scenario: Looking around from inside a container
      Given a container whose main process waits forever
      When its hostname, root directory and processes are looked at from inside
      Then its hostname is its own, not the host's
      And its root directory holds the image's files
      And its process list holds only its own processes, with its main process as PID 1

  @claim:CTR-14 @needs:engine-host
  Rule: A container runs the programs of its image, not the host's

    Scenario: A program the host has but the image lacks
      Given a container whose main process waits forever
      When it looks for a program that the engine's host has
      Then it does not find it
      And the shell it runs is one its image carries
