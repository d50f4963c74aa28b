@ports
Feature: --network host shares the host's network

  The notes, "Case 3": with `docker run --network host` "The container shares the host's
  network. No port mapping is required. If your app runs on 9000, you can directly access it
  via: localhost:9000"; but "if port 9000 is already used on your host, the container will
  fail", and it brings "Reduced isolation — container behaves like it's part of your host
  system" (notes/004-image-vs-container-ports-networks.md).

  With the host network the container gets no network namespace of its own: its sockets
  are the host's. So its app is on the host's ports directly, `-p` means nothing (the CLI
  warns that published ports are discarded), a port the host already uses is simply taken,
  and the container sees the host's interfaces and listening sockets. Linux only: Docker
  Desktop runs containers in a VM, whose "host" is not your machine.
  Podman takes `-p` with `--network host` without a word, so the CLI has no warning to
  print; the app is on the host's port all the same. A rootless engine's "host" network is
  rootlesskit's, not the machine's.
  Docs: https://docs.docker.com/engine/network/drivers/host/

  @claim:PRT-09 @needs:engine-host @serial
  Rule: With --network host the app is on the host's ports, and -p is ignored

    Scenario: A web server on the host network, run with a -p that is ignored
      When a web server on a free port runs with --network host and -p for another free port
      Then the CLI warns that published ports are discarded
      And the app answers on the host's loopback at its own port
      And nothing answers at the port given with -p

  @claim:PRT-10 @needs:engine-host @serial
  Rule: With --network host, a port the host already uses makes the app fail

    Scenario: The app's port is held by a program on the host
      Given a program that is not a container holds a free host port
      When a web server on that port runs with --network host
      Then the container stops by itself, with a non-zero exit code
      And its log says the address is already in use
      And the program still holds its port and answers on it

  @claim:PRT-11 @needs:engine-host @serial
  Rule: With --network host the container sees the host's network

    Scenario: Interfaces and listening sockets seen from inside
      Given a program that is not a container holds a free host port
      When a container on the host network lists its network interfaces and listening sockets
      Then it lists the host's network interfaces
      And it lists the program's listening port among its own
