@ports
Feature: Publishing a container's port on the host

  The notes: a server in a container is out of the host's sight, "a máquina host não possui
  conhecimento desse processo rodando naquela porta", until a port binding points a host
  port at it: `docker run -p 8000:80` (notes/000-container-e-imagem.md); "All externally exposed
  ports closed by default", publishing "Opened port 80 on the host IP", and "You can use
  any port you want on the left, like 8080:80 or 8888:80" (notes/004-image-vs-container-ports-networks.md).

  A container has a network stack of its own: what it listens on is open on its own
  address, not on the host's. `-p HOST:CONTAINER` makes the engine listen on the host port
  (on every interface, IPv4 and IPv6, unless an address is given, as in
  `-p 127.0.0.1:8080:80`) and forward to the container. The kit checks one more thing: on a Linux host the
  host itself can still reach the container's private address directly; it is the host's
  own ports, and so other machines, that see nothing until a port is published. Not so with
  rootless Podman: its containers' addresses are in a network namespace of its own, which the
  host cannot reach, and that check fails there (see default-bridge.feature).
  Docs: https://docs.docker.com/engine/network/port-publishing/

  @claim:PRT-01
  Rule: A port a container listens on is not open on the host until it is published

    Scenario: Not published: no host port leads to the server
      Given the web server listens on a port that is free on the host
      When it runs in a container without -p
      Then the engine publishes none of its ports and nothing answers on that host port

    Scenario: Published: the same host port now leads to it
      Given the web server listens on a port that is free on the host
      When it runs in a container with that port published
      Then a request to the host port is answered by that container

    @needs:engine-host
    Scenario: The host can still reach the container's own address
      Given the web server listens on a port that is free on the host
      When it runs in a container without -p
      Then the host reaches it at the container's private address, not at any host port

  @claim:PRT-02
  Rule: -p HOST:CONTAINER forwards a host port to a container port

    Scenario: A request to the host port reaches the server in the container
      When a web server container publishes a free host port to its port 80
      Then a request to the host port is answered by that container

  @claim:PRT-03 @needs:engine-host
  Rule: Publishing opens the port on all the host's interfaces, unless an address is given

    Scenario: A default publish and a loopback-only publish
      When a web server container publishes one free host port on all interfaces and another on 127.0.0.1 only
      Then the engine records the first on 0.0.0.0, also on :: where it publishes IPv6, and the second on 127.0.0.1 only
      And both answer on the host's loopback
      And from the network's gateway address only the first answers

  @claim:PRT-06
  Rule: Any free host port can be mapped to a container's port

    Scenario: Two containers of one image serve port 80 on two host ports
      When two web server containers publish their port 80 on two free host ports
      Then each container answers on its own host port
