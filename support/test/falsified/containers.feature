# Falsified twins of the container chapters: see falsified.feature.
Feature: Falsified observations about containers

  @claim:CTR-01
  Scenario: CTR-01, falsified: fewer containers than counted
    Given an image whose main process waits forever
    When 2 containers are run from it
    Then all 3 are running, with 3 different IDs and 3 different names

  @claim:CTR-02
  Scenario: CTR-02, falsified: the host's process table is asked about another PID
    Given a container whose main process waits forever
    When the engine is asked for the host PID of its main process
    And falsified: the engine reported another host PID
    Then the host's process table has that PID, running the container's command

  @claim:CTR-02
  Scenario: CTR-02, falsified: PID 1 runs another command
    Given a container whose main process waits forever
    When the engine is asked for the host PID of its main process
    And falsified: the container runs another command than it does
    Then inside the container the same command is PID 1

  @claim:CTR-03
  Scenario: CTR-03, falsified: a process killed on the host exits with another status
    Given a container whose main process waits forever
    When its process is killed with SIGKILL on the host
    Then the container stops by itself
    And the container is "exited" with exit code 143

  @claim:CTR-04
  Scenario: CTR-04, falsified: nothing was written, yet the layer should have grown
    Given a container whose main process waits forever
    And the container's writable layer has been measured
    Then the container's writable layer has grown

  @claim:CTR-04
  Scenario: CTR-04, falsified: the diff should list a file nobody wrote
    Given a container whose main process waits forever
    When a file is written inside the container
    And falsified: the kit looks in the diff for a file nobody wrote
    Then `docker diff` lists the file as added

  @claim:CTR-04
  Scenario: CTR-04, falsified: the image's layers changed
    Given a container whose main process waits forever
    When a file is written inside the container
    And falsified: the image had another layer before
    Then the image's ID and layers are what they were before

  @claim:CTR-05 @needs:memory-limit
  Scenario: CTR-05, falsified: another port than the one published
    Given a volume
    When a container is run with a name, a published port, the volume and a memory limit
    And falsified: the container was given another host port
    Then it has the published port, the volume and the memory limit it was given

  @claim:CTR-06
  Scenario: CTR-06, falsified: a new container has taken its name
    Given a container whose main process waits forever
    When the container is stopped and started again
    And falsified: the container is replaced by a new one of the same name
    Then it is the same container, running again

  @claim:CTR-06
  Scenario: CTR-06, falsified: a setting the container never had
    Given a container whose main process waits forever
    When the container is stopped and started again
    Then its environment still has GREETING=hello

  @claim:CTR-07
  Scenario: CTR-07, falsified: docker ps lists stopped containers
    Given a running container and an exited container
    When the containers are listed with `docker ps` and with `docker ps -a`
    And falsified: `docker ps` listed what `docker ps -a` did
    Then `docker ps` lists only the running one

  @claim:CTR-08
  Scenario: CTR-08, falsified: the two containers are one
    Given two containers from the same image, whose main processes wait forever
    When the first container writes a file and starts a second process
    And falsified: the second container is the first one
    Then the second container does not have the file

  @claim:CTR-09
  Scenario: CTR-09, falsified: another kernel inside
    Given a container whose main process waits forever
    When its kernel release and its size are looked at
    And falsified: the kernel inside is not the host's
    Then the kernel release inside is the one the engine's host runs

  @claim:CTR-10 @needs:memory-limit
  Scenario: CTR-10, falsified: within its memory limit, nothing is OOM-killed
    When a container limited to 16 MB of memory allocates 4 MB in a child process
    Then the allocating process is killed by the kernel, with status 137

  @claim:CTR-10 @needs:memory-limit
  Scenario: CTR-10, falsified: within its memory limit, the engine reports no OOM kill
    When a container limited to 16 MB of memory allocates 4 MB in a child process
    Then once the container is stopped, the engine reports it OOM-killed

  @claim:CTR-10 @needs:memory-limit
  Scenario: CTR-10, falsified: within its memory limit, the main process is not killed
    When a container limited to 16 MB of memory allocates 4 MB
    Then the container stops by itself
    And the container is "exited" with exit code 137

  @claim:CTR-10 @needs:pids-limit
  Scenario: CTR-10, falsified: a PIDs limit above what is needed refuses nothing
    When a container limited to 50 processes tries to start 10
    Then starting processes beyond the limit fails

  @claim:CTR-11
  Scenario: CTR-11, falsified: reading from the container that wrote the files
    Given a volume
    And a container that wrote one file into the volume and one outside it
    When falsified: the new container is the one that wrote the files
    Then the file written outside the volume is not there

  @claim:CTR-12
  Scenario: CTR-12, falsified: the host ports are swapped
    Given the web server image
    When two containers are run from it, each with its own GREETING, host port and volume
    And falsified: the two host ports are swapped
    Then each container answers on its own host port

  @claim:CTR-13
  Scenario: CTR-13, falsified: the container has the host's hostname
    Given a container whose main process waits forever
    When its hostname, root directory and processes are looked at from inside
    And falsified: the hostname seen inside is the host's
    Then its hostname is its own, not the host's

  @claim:CTR-14 @needs:engine-host
  Scenario: CTR-14, falsified: the host's program is found inside
    Given a container whose main process waits forever
    When it looks for a program that the engine's host has
    And falsified: the host's program was found inside
    Then it does not find it
