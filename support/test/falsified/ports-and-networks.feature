# Falsified twins of the port and network chapters: see falsified.feature.
Feature: Falsified observations about ports and networks

  @claim:PRT-01
  Scenario: PRT-01, falsified: the port is published after all
    Given the web server listens on a port that is free on the host
    When it runs in a container with that port published
    Then the engine publishes none of its ports and nothing answers on that host port

  @claim:PRT-01 @needs:engine-host
  Scenario: PRT-01, falsified: the host port answers too
    Given the web server listens on a port that is free on the host
    When it runs in a container with that port published
    Then the host reaches it at the container's private address, not at any host port

  @claim:PRT-02
  Scenario: PRT-02, falsified: the mapping points at a port nobody listens on
    When a web server listening on port 9000 runs with a free host port published to container port 8000
    Then a request to the host port is answered by that container

  @claim:PRT-02
  Scenario: PRT-02, falsified: another container answers, carrying its own name
    When a web server container publishes a free host port to its port 80
    And falsified: another container answers on that host port in the server's stead
    Then a request to the host port is answered by that container

  @claim:PRT-03 @needs:engine-host
  Scenario: PRT-03, falsified: the all-interfaces and loopback ports are swapped
    When a web server container publishes one free host port on all interfaces and another on 127.0.0.1 only
    And falsified: the two host ports are swapped
    Then from the network's gateway address only the first answers

  @claim:PRT-06
  Scenario: PRT-06, falsified: the two host ports are swapped
    When two web server containers publish their port 80 on two free host ports
    And falsified: the two host ports are swapped
    Then each container answers on its own host port

  @claim:PRT-07
  Scenario: PRT-07, falsified: the mapping points at the app's own port
    When a web server listening on port 9000 runs with a free host port published to container port 9000
    Then a request to the host port fails

  @claim:PRT-08
  Scenario: PRT-08, falsified: the mapping points at another port
    When a web server listening on port 9000 runs with a free host port published to container port 8000
    Then a request to the host port is answered by that container

  @claim:PRT-09 @needs:engine-host @serial
  Scenario: PRT-09, falsified: the app is looked for at the port given with -p
    When a web server on a free port runs with --network host and -p for another free port
    And falsified: the two host ports are swapped
    Then the app answers on the host's loopback at its own port

  @claim:PRT-10 @needs:engine-host @serial
  Scenario: PRT-10, falsified: the program let go of the port first
    Given a program that is not a container holds a free host port
    And falsified: the program lets go of its port
    When a web server on that port runs with --network host
    Then its log says the address is already in use

  @claim:PRT-11 @needs:engine-host @serial
  Scenario: PRT-11, falsified: the program listens on another port
    Given a program that is not a container holds a free host port
    When a container on the host network lists its network interfaces and listening sockets
    And falsified: the program's port is another
    Then it lists the program's listening port among its own

  @claim:NET-01
  Scenario: NET-01, falsified: the container was moved to another network
    Given a container whose main process waits forever
    When falsified: the container is moved to a user-defined network
    And its network settings are looked at
    Then it is attached to the network named bridge

  @claim:NET-02
  Scenario: NET-02, falsified: the server has stopped
    Given a web server container on the default bridge, publishing nothing
    And falsified: the server has stopped
    When a client container on the default bridge requests the server's address
    Then the server answers the client

  @claim:NET-03 @needs:engine-host @needs:root
  Scenario: NET-03, falsified: no MASQUERADE rule
    Given a container whose main process waits forever
    When the host's NAT rules are listed
    And falsified: the engine kept no MASQUERADE rule
    Then they masquerade its address for traffic leaving the host

  @claim:NET-04
  Scenario: NET-04, falsified: the client reached the server before joining
    Given two user-defined networks with a web server container on the first and a client container on the second
    When the client tries the server by name and by address, then again after joining the first network
    And falsified: the tries before joining went as the one after
    Then before joining, the client reached the server neither by name nor by address

  @claim:NET-05 @needs:engine-host
  Scenario: NET-05, falsified: the download left the host
    Given a web server container on the default bridge, publishing nothing
    When a client container on the default bridge downloads 4 MB from the server
    And falsified: the download is counted on the outward interfaces
    Then the host's own outward interfaces did not

  @claim:NET-06
  Scenario: NET-06, falsified: the names are resolved from another network
    Given a user-defined network with a container named "server" and aliased "backend" on it
    And falsified: the resolving container is on another network
    When another container on the network resolves both names
    Then both resolve to the server's address on that network

  @claim:NET-07
  Scenario: NET-07, falsified: the name resolved
    Given a container whose main process waits forever
    When another container on the default bridge resolves its name
    And falsified: the name resolved on the default bridge
    Then the name does not resolve

  @claim:NET-08
  Scenario: NET-08, falsified: the link points at another container
    Given a web server container on the default bridge, publishing nothing
    When a client container is run with --link to it as "linked-web"
    And falsified: the server is another container on the bridge
    Then the client's /etc/hosts maps linked-web to the server's address

  @claim:NET-09
  Scenario: NET-09, falsified: the resolvers are swapped
    Given a user-defined network
    When a container on it and a container on the default bridge show their resolver configuration
    And falsified: the two containers' resolvers are swapped
    Then the first uses the embedded DNS server at 127.0.0.11

  @claim:NET-10
  Scenario: NET-10, falsified: the server came back at its old address
    Given a user-defined network with a container named "server" and aliased "backend" on it
    When the server is removed, another container takes an address, and the server is created again
    And falsified: the server came back at its old address
    Then its name resolves to its current address

  @claim:NET-11 @needs:swarm-manager
  Scenario: NET-11, falsified: an overlay network with another scope
    When an attachable overlay network is created
    And falsified: the overlay network is looked up as the default bridge
    Then the engine reports it with the overlay driver and swarm scope

  @claim:NET-11 @needs:swarm-manager @needs:swarm-peer
  Scenario: NET-11, falsified: the server the client asks for is not on the overlay network
    Given an attachable overlay network with a web server container on it, on the manager
    And falsified: the server is another container on the bridge
    When a client container on another node of the swarm requests the server by its name
    Then the server answers the client
