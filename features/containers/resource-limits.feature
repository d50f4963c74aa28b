@containers
Feature: Containers get the resources they are given

  The notes: containers are "Limited to what resources they can access"
  (004_6b55214005eb8d9e.txt), and the engine adds "Limites de recursos" to a container
  (002_583b391ff5d9b95b.txt).

  Limits are cgroups: the kernel accounts for the container's processes together and
  enforces what `docker run` asked for. Past its memory limit, the kernel's OOM killer
  ends the container (the engine records OOMKilled and exit code 137). Past its PIDs
  limit, no new process can be forked. Without options, a container has no such limits.
  Docs: https://docs.docker.com/engine/containers/resource_constraints/

  @claim:CTR-10
  Rule: A container that needs more memory than its limit is killed, and the engine says so

    Scenario: Allocating 64 MB under a 16 MB limit
      When a container limited to 16 MB of memory allocates 64 MB
      Then the container stops by itself
      And the engine reports it OOM-killed, with exit code 137

  @claim:CTR-10
  Rule: A PIDs limit is visible inside the container and enforced

    Scenario: Starting more processes than the limit allows
      When a container limited to 5 processes tries to start 10
      Then it sees the limit of 5 in its cgroup
      And starting processes beyond the limit fails
