@ports
Feature: A busy host port cannot be published

  The notes warn: "You'll get a bind error if the left number (host port) is being used by
  anything else, even another container" (notes/004-image-vs-container-ports-networks.md).

  `-p HOST:CONTAINER` asks the engine to take HOST on the host for the container. A host port
  can have only one owner. If another container published it, the engine refuses before
  binding anything: "port is already allocated". If any other program holds it, the bind
  itself fails: "address already in use" (worded "Error starting userland proxy: … bind:
  address already in use" up to Docker 27, "failed to bind host port … address already in
  use" from 28). Either way the container is created but never runs, and whoever held the
  port keeps it.

  Podman 4.3 (netavark 1.4) refuses the second container too ("cannot listen on the TCP port:
  … address already in use"), but tearing down its failed setup removes forwarding rules the
  two containers share: the `-s 127.0.0.1` rules that let the host reach a published port on
  its own loopback. The first container still answers on the host's other addresses, no
  longer on 127.0.0.1, so PRT-04 fails there. Podman 5 leaves them alone.
  Docs: https://docs.docker.com/engine/network/port-publishing/

  @claim:PRT-04
  Rule: A host port published by a container cannot be published by another

    Scenario: A second container asks for a host port the first one publishes
      Given a web server container publishing a free host port to its port 80
      When another container is run with `docker run -p` on the same host port
      Then the run fails with a bind error saying the port is already allocated
      And the second container is not running
      And the first container still answers on that host port

  @claim:PRT-05
  Rule: A host port held by any other program cannot be published

    "The host" is the engine's. Where that is not your machine (Docker Desktop, Colima,
    OrbStack, Podman machine: the engine in a VM; an engine over tcp:// or ssh://), a port a
    program holds on your machine is another matter, and what happens depends on what forwards
    the engine's ports to you. Docker Desktop binds each published port on your machine before
    the container starts: the run fails, "Ports are not available: … bind: address already in
    use". Lima and Colima forward with an agent that watches the VM: the container starts, and
    only the agent's log says it could not forward (lima#3521); OrbStack did the same before
    2.2.2. With nothing forwarding at all (a remote engine, the lab's), the container starts
    and your machine's port was never in question. The second scenario records which it was.

    @needs:engine-host
    Scenario: A program that is not a container holds the host port
      Given a program that is not a container holds a free host port
      When a container is run with `docker run -p` on that host port
      Then the run fails with a bind error saying the address is already in use
      And the new container is not running
      And the program still holds its port and answers on it

    @needs:your-machine
    Scenario: A program on your machine holds the port, where the engine's host is elsewhere
      Given a program on your machine holds a free port
      When a container is run with `docker run -p` on that host port
      Then the run fails with a bind error where the port is forwarded to your machine first, and starts where it is not
      And the program on your machine still holds its port and answers on it
