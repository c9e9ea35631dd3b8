package dev.quarry.cli;

import picocli.CommandLine.Option;

/** Where the service is and how to authenticate: flags, or QUARRY_SERVER / QUARRY_API_KEY. */
final class ServerOptions {

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:QUARRY_SERVER}",
      description = "A running Quarry service (default: $QUARRY_SERVER).")
  String server;

  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:QUARRY_API_KEY}",
      description = "API key for the service (default: $QUARRY_API_KEY).")
  String apiKey;

  ServerClient client() {
    return new ServerClient(server, apiKey);
  }
}
