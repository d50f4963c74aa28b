@containers
Feature: A container is a process, and lives as long as it

  The notes say "Um Container pode ser definido também como um processo"
  (notes/000-container-e-imagem.md), that containers "are just processes" and "exit when process
  stops" (notes/004-image-vs-container-ports-networks.md), and that a container must be told to stay up, "caso o
  contrário o container é encerrado" (notes/001-container-processo-e-imagem-fotografia.md).

  That is exactly what the engine does. A container's main process is an ordinary process
  of the host's kernel, with a PID in the host's process table; namespaces make it PID 1
  in a process tree of its own. When that process ends, by itself or because something
  killed it, the container moves to the "exited" state and keeps the process's exit status;
  a process killed by signal N exits with 128 + N, as in any shell. Podman may name that
  state "stopped" for a moment after the container exits, until it has cleaned the container
  up, where Docker says "exited": the same state under Podman's own name, which the kit
  reads as "exited" (for a container that is not running) and the transcript points out.
  Docs: https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-a-container/
  and https://docs.docker.com/reference/cli/docker/container/run/#exit-status

  @claim:CTR-02
  Rule: The main process is an ordinary process on the host, and PID 1 inside the container

    Scenario: The same process, seen from the host and from inside
      Given a container whose main process waits forever
      When the engine is asked for the host PID of its main process
      Then the host's process table has that PID, running the container's command
      And inside the container the same command is PID 1

  @claim:CTR-03
  Rule: When the main process stops, the container stops, keeping the process's exit code

    Scenario Outline: The main process ends by itself (<outcome>)
      Given an image whose main process prints a line and exits with the code in EXIT_CODE
      When a container runs it with EXIT_CODE=<code>
      Then the container stops by itself
      And the container is "exited" with exit code <code>

      Examples: a clean exit
        | outcome  | code |
        | success  | 0    |

      Examples: a failure
        | outcome  | code |
        | failure  | 3    |

    Scenario: The main process is killed through the engine
      Given a container whose main process waits forever
      When its main process is sent SIGKILL
      Then the container stops by itself
      And the container is "exited" with exit code 137

    Scenario: The main process is killed on the host, by its PID, without asking the engine
      Given a container whose main process waits forever
      When its process is killed with SIGKILL on the host
      Then the container stops by itself
      And the container is "exited" with exit code 137
