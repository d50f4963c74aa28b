@networks
Feature: Across hosts: swarm and overlay networks

  The notes: "This gets even better later with Swarm and Overlay networks"
  (notes/004-image-vs-container-ports-networks.md).

  An overlay network spans the hosts of a swarm; it needs an engine that is a swarm manager.
  Made attachable, plain containers on any node can join it, and the engines' DNS finds them
  by name across nodes, as on a user-defined network of one engine. The kit never turns swarm
  mode on itself (that would change the engine for everyone): on a manager it shows that an
  overlay network can be created, and given another node of the swarm (KIT_SWARM_PEER; the
  lab's docker-28.5-swarm makes a two-node swarm) that containers on two nodes reach each
  other through it by name.
  Docs: https://docs.docker.com/engine/network/drivers/overlay/

  @claim:NET-11 @needs:swarm-manager
  Rule: Overlay networks need a swarm; on a manager they can be created

    Scenario: Creating an attachable overlay network on a swarm manager
      When an attachable overlay network is created
      Then the engine reports it with the overlay driver and swarm scope

  @claim:NET-11 @needs:swarm-manager @needs:swarm-peer
  Rule: Containers on two nodes of a swarm find each other by name on an attachable overlay network

    Scenario: A web server on the manager, a client on another node
      Given an attachable overlay network with a web server container on it, on the manager
      When a client container on another node of the swarm requests the server by its name
      Then the server answers the client
