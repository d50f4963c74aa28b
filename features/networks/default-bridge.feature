@networks
Feature: The default bridge network

  The notes: "Each container connected to a private virtual network 'bridge'", the engine
  "Gives it a virtual IP on a private network inside docker engine", "All containers on a
  virtual network can talk to each other without -p", and "Each virtual network routes
  through NAT firewall on host IP" (notes/004-image-vs-container-ports-networks.md).

  A container run without `--network` joins the network named `bridge` (the host's
  `docker0`) and gets an address from its subnet. Containers on it reach each other's
  ports by address, no publishing needed: publishing is about the host's ports. Traffic
  leaving for the outside world is masqueraded: Docker adds an iptables MASQUERADE rule for
  each network's subnet; Podman's netavark jumps from its NAT chain to a chain per network
  that masquerades, in iptables (netavark 1.4) or natively in nftables (Podman 5). Docker 29
  with `--firewall-backend=nftables` writes tables of its own (`docker-bridges`), whose
  postrouting chain picks a chain per bridge from a verdict map keyed by interface
  (`iifname vmap @nat-postrouting-out-jumps`). Either way the world sees the host's address
  and replies come back to it; the kit reads both rulesets, nftables with the engine's own
  `nft` where it has one (older `nft` builds crash listing verdict maps, and a listing the
  kit could not read is its own error, never an empty ruleset). Between two containers of one network, packets go through the host's bridge and
  never out of the host. Podman names its default network `podman`, not `bridge`.

  Rootless Podman differs where the network lives. Its bridge, its containers' addresses and
  netavark's NAT rules are in a network namespace of its own, which carries traffic to and
  from the host's through pasta, a program that relays it from sockets of the user's own. So
  on the host no rule masquerades a container's subnet (NET-03 fails there, as it must: the
  translation is pasta's, in user space), no bridge of the host carries the containers'
  traffic (NET-05 is not verified: the container's link has no peer among the host's
  interfaces), and the host cannot reach a container's own address (PRT-01's further check fails).
  Docs: https://docs.docker.com/engine/network/drivers/bridge/ and
  https://github.com/containers/podman/blob/main/docs/tutorials/rootless_tutorial.md

  @claim:NET-01
  Rule: A container without --network is on the default bridge, with an address from its subnet

    Scenario: Where a new container is attached
      Given a container whose main process waits forever
      When its network settings are looked at
      Then it is attached to the network named bridge
      And its address lies in the bridge network's subnet

  @claim:NET-02
  Rule: Containers on one network reach each other's ports without -p

    Scenario: A client reaches a server by address on the default bridge
      Given a web server container on the default bridge, publishing nothing
      When a client container on the default bridge requests the server's address
      Then the server answers the client

  @claim:NET-03 @needs:engine-host @needs:root
  Rule: Traffic leaving a network is masqueraded as the host

    Scenario: The NAT rule behind a container on the default network
      Given a container whose main process waits forever
      When the host's NAT rules are listed
      Then they masquerade its address for traffic leaving the host

  @claim:NET-05 @needs:engine-host
  Rule: Traffic between two containers of one network goes through the host's bridge, not out of the host (refinement)

    "Never leaves the host" cannot be seen as an absence on the wire outside; what the kit can
    see is where the bytes go on the host. One container downloads 4 MB from another on the
    default bridge. The host counts the bytes of every interface: the client's end of its link
    on the host's bridge (its veth) carries the 4 MB, and the interfaces the host sends traffic
    out by (those with a default route) carry none of it. The counters are the kernel's
    (`/sys/class/net/IF/statistics`), read on the engine's host.

    Scenario: Four megabytes from one container to another
      Given a web server container on the default bridge, publishing nothing
      When a client container on the default bridge downloads 4 MB from the server
      Then the client's link on the host's bridge carried the 4 MB
      And the host's own outward interfaces did not
