@images
Feature: Listing, moving and making images

  The notes: "Você pode ver todas as suas imagens com docker images"
  (notes/002-docker-image-vs-docker-container.md); images are portable, "Podem ser executadas em qualquer
  ambiente Docker" (notes/003-imagens-e-conteineres.md); "A imagem é uma espécie de fotografia de um
  container" (notes/001-container-processo-e-imagem-fotografia.md).

  `docker images` lists the engine's images by repository and tag. An image is a set of
  files plus a JSON config, so `docker save` can write it to a tar file and `docker load`
  can bring it into any engine, identical (same ID). The "photograph" is a refinement:
  images are usually built from a Dockerfile, and running a container never turns it into
  an image by itself; but `docker commit` does take a container's changes and make a new
  image of them (the old image stays as it was). `docker commit` pauses the container while
  it copies its changes (`--pause`, on by default), and a runtime pauses a container by
  freezing its cgroup: rootless Podman without systemd to delegate it a cgroup (its cgroupfs
  manager) gives a container none of its own, so the pause fails ("crun pause … failed") and so
  does the commit. Rootless Podman's users commit with `--pause=false`, or run it under systemd.
  Docs: https://docs.docker.com/reference/cli/docker/image/save/ and
  https://docs.docker.com/reference/cli/docker/container/commit/

  @claim:IMG-15
  Rule: docker images lists the engine's images

    Scenario: An image just made appears in the list
      Given an image of this scenario's own, tagged with a bare name
      When the images are listed with `docker images`
      Then the list has it, with its repository and tag

  @claim:IMG-14
  Rule: An image saved to a file and loaded back is the same image, and runs

    Scenario: Save, remove, load, run
      Given an image of this scenario's own, with a layer of random bytes
      When it is saved to a tar file with `docker save`, removed, and loaded with `docker load`
      Then the engine has the image again, with the same ID
      And a container runs from the loaded image

  @claim:IMG-16
  Rule: docker commit makes an image from a container's changes (refinement)

    The note's "photograph" is half right. An image is not taken from a container: images are
    usually built from a Dockerfile, and running a container never turns it into an image by
    itself. But `docker commit` does take what a container changed in its writable layer and
    make a new image of it, on top of the container's image, which stays as it was. The kit
    changes a file in a container, commits it, and runs the new image: the change is there,
    and the old image still lacks it. `docker commit` pauses the container while it copies
    its changes (`--pause`, on by default); rootless Podman without systemd cannot pause it, so
    there the commit fails.

    Scenario: Committing a container that wrote a file
      Given a container whose main process waits forever
      And a file written inside the container
      When the container is committed as a new image with `docker commit`
      Then a container from the new image has the file
      And the image's ID and layers are what they were before
