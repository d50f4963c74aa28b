@networks
Feature: Across hosts: swarm and overlay networks

  The notes: "This gets even better later with Swarm and Overlay networks"
  (004_6b55214005eb8d9e.txt).

  An overlay network spans the hosts of a swarm; it needs an engine that is a swarm manager.
  The kit works with one engine and never turns swarm mode on itself (that would change the
  engine for everyone); on a manager it shows that an overlay network can be created.
  Docs: https://docs.docker.com/engine/network/drivers/overlay/

  @claim:NET-11 @needs:swarm-manager
  Rule: Overlay networks need a swarm; on a manager they can be created

    Scenario: Creating an attachable overlay network on a swarm manager
      When an attachable overlay network is created
      Then the engine reports it with the overlay driver and swarm scope
