@ports
Feature: The container port must be the one the app listens on

  The notes, "Case 1" and "Case 2": with `-p 8080:8000` "Your app inside the container must
  listen on port 8000"; if it is "hardcoded to run on 9000, this will not work. You'll get
  connection errors because nothing is listening on 8000 inside the container"; with
  `-p 8080:9000` "This will work perfectly" (notes/004-image-vs-container-ports-networks.md).

  Exactly so. The engine forwards the host port to the container port it was told, whether
  or not anything listens there; the connection is accepted on the host and then reset
  (or refused) when the forward finds no listener inside.
  Docs: https://docs.docker.com/engine/network/port-publishing/

  @claim:PRT-07
  Rule: Mapping to a port the app does not listen on fails

    Scenario: The app listens on 9000, the mapping points at 8000
      When a web server listening on port 9000 runs with a free host port published to container port 8000
      Then a request to the host port fails
      And inside the container nothing listens on port 8000, only on 9000

  @claim:PRT-08
  Rule: Mapping to the port the app listens on works

    Scenario: The app listens on 9000, the mapping points at 9000
      When a web server listening on port 9000 runs with a free host port published to container port 9000
      Then a request to the host port is answered by that container
