@containers
Feature: Containers get the resources they are given

  The notes: containers are "Limited to what resources they can access"
  (notes/004-image-vs-container-ports-networks.md), and the engine adds "Limites de recursos" to a container
  (notes/002-docker-image-vs-docker-container.md).

  Limits are cgroups: the kernel accounts for the container's processes together and
  enforces what `docker run` asked for. Past the memory limit, the kernel's OOM killer kills
  a process of the container (the one using the most memory); if that is the main process,
  the container stops with exit code 137 (128 + SIGKILL). The engine records the kill as
  `OOMKilled`, and says so with an "oom" event. One caveat for whoever reads the record: the engine hears of the kill by
  that event, which it can miss. When the killed process is the main one, the event can arrive
  after the exit, leaving `OOMKilled` false (moby/moby#15621; seen with Docker 20.10 on cgroup
  v1, about 2 times in 12 under load). And containerd starts watching a container for OOM
  only once its process has started, so a kill in that first instant is never reported. So
  the kit lets a child process allocate once the container is running, waits for the "oom"
  event before stopping it, and reads the flag then; where the main process is the one
  killed, it reads the exit status. Past its PIDs limit, no process can fork.
  Where engines differ, the kit reports it: Podman sends no "oom" event when the killed
  process is a child, and leaves `OOMKilled` false, though the kernel killed it.
  A limit needs its cgroup controller. An engine whose cgroups have none can neither set nor
  enforce one, and there the kit cannot verify the claim and says why: a rootless engine on
  a cgroup v1 host has no cgroups and says so (`docker info`: MemoryLimit and PidsLimit
  false; it discards `--memory` with a warning); Podman 6, which needs cgroup v2, on a host
  whose controllers are all on v1 gets a unified hierarchy with none (it reports PidsLimit
  all the same, so the lab tells the kit which controllers it has).
  Docs: https://docs.docker.com/engine/containers/resource_constraints/

  @claim:CTR-10
  Rule: A process that needs more memory than the container's limit is OOM-killed, and the engine records it

    @needs:memory-limit
    Scenario: A process of the container allocates 64 MB under a 16 MB limit
      When a container limited to 16 MB of memory allocates 64 MB in a child process
      Then the allocating process is killed by the kernel, with status 137
      And once the container is stopped, the engine reports it OOM-killed

  @claim:CTR-10
  Rule: When the main process is the one over the limit, its kill stops the container

    @needs:memory-limit
    Scenario: The main process allocates 64 MB under a 16 MB limit
      When a container limited to 16 MB of memory allocates 64 MB
      Then the container stops by itself
      And the container is "exited" with exit code 137

  @claim:CTR-10
  Rule: A PIDs limit is visible inside the container and enforced

    @needs:pids-limit
    Scenario: Starting more processes than the limit allows
      When a container limited to 5 processes tries to start 10
      Then it sees the limit of 5 in its cgroup
      And starting processes beyond the limit fails
