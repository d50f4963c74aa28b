# Falsified twins of the image chapters: see falsified.feature.
Feature: Falsified observations about images

  @claim:IMG-01 @needs:registry
  Scenario: IMG-01, falsified: the image does exist in the registry
    Given an image that is in the registry but not on the engine
    When I run it with `docker run`
    Then the run fails saying the image was not found

  @claim:IMG-03
  Scenario: IMG-03, falsified: a bare name normalised to another namespace
    Given an image of this scenario's own, tagged with a bare name
    When falsified: the image is looked up as docker.io/other/NAME:latest
    Then the engine finds the same image

  @claim:IMG-03 @needs:registry-mirror
  Scenario: IMG-03, falsified: a bare name taken for a repository of its own, outside library/
    Given the engine's mirror of the default registry holds an image as library/busybox:latest
    When `docker pull busybox` runs
    Then the mirror was asked for busybox:latest

  @claim:IMG-04 @needs:registry
  Scenario: IMG-04, falsified: the pull names its tag, so no default is used
    Given an image pushed to the registry as REPOSITORY:latest and removed from the engine
    When falsified: the pull names the tag latest
    Then the CLI says it uses the default tag latest

  @claim:IMG-05
  Scenario Outline: IMG-05, falsified: one layer per instruction, metadata included, with <builder>
    Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
    When it is built with <builder>
    Then the image has 5 more layers than its base

    Examples:
      | builder                  |
      | the engine's own builder |

    @needs:buildkit
    Examples:
      | builder  |
      | BuildKit |

  @claim:IMG-06
  Scenario Outline: IMG-06, falsified: the rebuild does not use the cache, with <builder>
    Given a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image
    And it has been built once with <builder>
    When falsified: it is built again without the cache, with <builder>
    Then every step comes from the cache

    Examples:
      | builder                  |
      | the engine's own builder |

    @needs:buildkit
    Examples:
      | builder  |
      | BuildKit |

  @claim:IMG-07 @needs:storage-access
  Scenario: IMG-07, falsified: the second image does not share the 8 MB layer
    Given an image with an 8 MB layer of its own, to serve as a base
    And an image built on it adding 1 MB
    When falsified: the second image is built adding 1 MB on a fresh 8 MB layer instead
    Then the engine's storage grew by about 1 MB, not by the base again

  @claim:IMG-08 @needs:registry @needs:registry-log
  Scenario: IMG-08, falsified: the second image's transfers are those of the first
    Given two images of this scenario's own, the second built on the first plus a layer of its own
    When both are pushed, removed from the engine, and pulled back one after the other
    And falsified: the transfers of the second were those of the first
    Then pulling the second fetched only its own layer: the shared one already existed

  @claim:IMG-08 @needs:registry @needs:registry-log
  Scenario: IMG-08, falsified: the second image's push is the first's
    Given two images of this scenario's own, the second built on the first plus a layer of its own
    When both are pushed, removed from the engine, and pulled back one after the other
    And falsified: the transfers of the second were those of the first
    Then pushing the second sent only its own layer: the shared one already existed

  @claim:IMG-09
  Scenario: IMG-09, falsified: the new container comes from a commit of the changed one
    Given a container whose main process waits forever
    And a file written inside the container
    When the container is committed as a new image with `docker commit`
    And falsified: the image is the one committed from the container
    Then a new container from the same image does not have the file

  @claim:IMG-10
  Scenario: IMG-10, falsified: another kernel inside
    Given a container whose main process waits forever
    When its kernel release and its size are looked at
    And falsified: the kernel inside is not the host's
    Then the kernel release inside is the one the engine's host runs

  @claim:IMG-11
  Scenario: IMG-11, falsified: an image with a whole base is not one file
    Given an image with ENV, EXPOSE, WORKDIR and CMD settings
    When falsified: the kit takes the image with settings for the one-file image
    Then the image's files are that one binary

  @claim:IMG-12
  Scenario: IMG-12, falsified: the command given at run time did not replace the CMD
    Given an image with ENV, EXPOSE, WORKDIR and CMD settings
    When it is run once without a command and once with one
    And falsified: the run with a command printed what the run without one did
    Then the run with a command ran that command instead

  @claim:IMG-13 @needs:registry
  Scenario: IMG-13, falsified: the image pulled back is not the one pushed
    Given an image of this scenario's own, with a layer of random bytes
    When it is pushed to the registry, removed from the engine and pulled back
    And falsified: the image had another ID before
    Then the engine has the image again, with the same ID

  @claim:IMG-14
  Scenario: IMG-14, falsified: the image loaded back is not the one saved
    Given an image of this scenario's own, with a layer of random bytes
    When it is saved to a tar file with `docker save`, removed, and loaded with `docker load`
    And falsified: the image had another ID before
    Then the engine has the image again, with the same ID

  @claim:IMG-15
  Scenario: IMG-15, falsified: the list is searched for an image that was never made
    Given an image of this scenario's own, tagged with a bare name
    When the images are listed with `docker images`
    And falsified: the kit looks for another name in the list
    Then the list has it, with its repository and tag

  @claim:IMG-16
  Scenario: IMG-16, falsified: the container's original image instead of the commit
    Given a container whose main process waits forever
    And a file written inside the container
    When the container is committed as a new image with `docker commit`
    And falsified: the new image is the container's original image
    Then a container from the new image has the file
