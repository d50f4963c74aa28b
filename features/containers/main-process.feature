@containers
Feature: A container lives as long as its main process

  The notes say containers "exit when process stops" (004_6b55214005eb8d9e.txt) and that a
  container must be told to stay up, "caso o contrário o container é encerrado"
  (001_15732d1ee28ddd85.txt).

  That is exactly what the engine does: a container is the main process started from its
  image, nothing more. When that process ends, by itself or because it was killed, the
  container moves to the "exited" state and keeps the process's exit status; a process
  killed by signal N exits with 128 + N, as in any shell.
  Docs: https://docs.docker.com/reference/cli/docker/container/run/#exit-status

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

    Scenario: The main process is killed from outside
      Given a container whose main process waits forever
      When its main process is sent SIGKILL
      Then the container stops by itself
      And the container is "exited" with exit code 137
