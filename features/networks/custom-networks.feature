@networks
Feature: User-defined networks

  The notes: "Best practice is to create a new virtual network for each app", with
  frontend and backend on the same network, and "All containers on a virtual network can
  talk to each other without -p" (notes/004-image-vs-container-ports-networks.md).

  A user-defined network is a separate bridge with its own subnet. Containers on it reach
  each other by name as well as by address; containers on two different user-defined
  networks cannot reach each other at all, by name or by address, until one of them is
  also connected to the other's network (a container can be on several networks).
  Docs: https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge

  @claim:NET-02
  Rule: Containers on one user-defined network reach each other by name, without -p

    Scenario: A client reaches a server by its name on a user-defined network
      Given a user-defined network with a web server container on it, publishing nothing
      When a client container on the same network requests the server by its name
      Then the server answers the client

  @claim:NET-04
  Rule: Containers on different user-defined networks are isolated, until connected

    Scenario: Two networks, then a connection
      Given two user-defined networks with a web server container on the first and a client container on the second
      When the client tries the server by name and by address, then again after joining the first network
      Then before joining, the client reached the server neither by name nor by address
      And after joining, the client reached the server by name
