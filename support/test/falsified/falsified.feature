# Not a chapter of the kit: each scenario here makes the observation of a real scenario
# false, with the real steps (and, where needed, a "falsified:" step that corrupts one
# observed value). `npm run test:falsified` passes only when every one of them
# fails with a ClaimViolation that names its claim, which shows that the real checks can fail.
Feature: Falsified observations

  @claim:CTR-03
  Scenario: CTR-03, falsified: the exit code is not the one the process exited with
    Given an image whose main process prints a line and exits with the code in EXIT_CODE
    When a container runs it with EXIT_CODE=3
    Then the container stops by itself
    And the container is "exited" with exit code 4

  @claim:CTR-03
  Scenario: CTR-03, falsified: a killed process does not exit with 128 + the signal
    Given a container whose main process waits forever
    When its main process is sent SIGKILL
    Then the container is "exited" with exit code 143

  @claim:IMG-02 @needs:registry @needs:registry-log
  Scenario: IMG-02, falsified: the image is already on the engine, so nothing is pulled
    Given an image that is in the registry but not on the engine
    When I run it with `docker run`
    And I run it with `docker run`
    Then the CLI says it cannot find the image locally and pulls it

  @claim:IMG-02 @needs:registry
  Scenario: IMG-02, falsified: expecting the Engine API to pull
    Given an image that is in the registry but not on the engine
    When a container is created from it through the Engine API
    Then the image is on the engine afterwards

  @claim:PRT-04
  Scenario: PRT-04, falsified: the host port is free
    Given a free host port
    When another container is run with `docker run -p` on the same host port
    Then the run fails with a bind error saying the port is already allocated

  @claim:PRT-05 @needs:engine-host
  Scenario: PRT-05, falsified: the host port is free
    Given a free host port
    When a container is run with `docker run -p` on that host port
    Then the run fails with a bind error saying the address is already in use

  @claim:PRT-05 @needs:your-machine
  Scenario: PRT-05 on your machine, falsified: the run failed for another reason than the port
    Given a program on your machine holds a free port
    When a container is run with `docker run -p` on that host port
    And falsified: the run failed for another reason
    Then the run fails with a bind error where the port is forwarded to your machine first, and starts where it is not

  @claim:PRT-05 @needs:your-machine
  Scenario: PRT-05 on your machine, falsified: the program on your machine let go of its port
    Given a program on your machine holds a free port
    When a container is run with `docker run -p` on that host port
    And falsified: the program lets go of its port
    Then the program on your machine still holds its port and answers on it
