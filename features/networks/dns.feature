@networks
Feature: Finding containers by name: the engine's DNS

  The notes: "DNS is the key to easy inter-container comms. It works by default with custom
  networks. Use --link to enable DNS on default bridge network"; "Docker daemon has a
  built-in DNS server that containers use by default"; "Static IP's and using IP's for
  talking to containers is an anti-pattern" (notes/004-image-vs-container-ports-networks.md).

  On user-defined networks each container's resolver is the engine's embedded DNS server at
  127.0.0.11, which answers with the current address of any container (or network alias)
  on the same network, and forwards other names. On the default bridge there is no such
  server: containers get a copy of the host's resolver configuration, so container names do
  not resolve (the names here are unique to the run, so no outside resolver can know them).
  `--link` is the old way around that, and a refinement: it writes the linked container into
  /etc/hosts, it is not DNS, and it is legacy (Podman refuses it). Because names follow
  containers, a container recreated with another address is still found by its name.
  Podman resolves names on its networks too, with aardvark-dns listening at each network's
  gateway rather than at 127.0.0.11.
  Docs: https://docs.docker.com/engine/network/#dns-services

  @claim:NET-06
  Rule: On a user-defined network, containers resolve each other's names and aliases

    Scenario: Resolving a container's name and its network alias
      Given a user-defined network with a container named "server" and aliased "backend" on it
      When another container on the network resolves both names
      Then both resolve to the server's address on that network

  @claim:NET-07
  Rule: On the default bridge, container names do not resolve

    Scenario: Resolving another container's name on the default bridge
      Given a container whose main process waits forever
      When another container on the default bridge resolves its name
      Then the name does not resolve

  @claim:NET-08
  Rule: --link names a container on the default bridge through /etc/hosts (refinement)

    Scenario: A link to a server on the default bridge
      Given a web server container on the default bridge, publishing nothing
      When a client container is run with --link to it as "linked-web"
      Then the client's /etc/hosts maps linked-web to the server's address
      And the client reaches the server at http://linked-web/

  @claim:NET-09
  Rule: Containers on user-defined networks use the engine's DNS server; default-bridge ones get the host's (refinement)

    Scenario: The resolver each kind of network gives
      Given a user-defined network
      When a container on it and a container on the default bridge show their resolver configuration
      Then the first uses the embedded DNS server at 127.0.0.11
      And the second uses the host's nameservers, not 127.0.0.11

  @claim:NET-10
  Rule: Names follow containers: a recreated container is found by name at its new address

    Scenario: A container recreated with another address
      Given a user-defined network with a container named "server" and aliased "backend" on it
      When the server is removed, another container takes an address, and the server is created again
      Then the server's address has changed
      And its name resolves to its current address
