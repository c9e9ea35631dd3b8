package dev.quarry.cli;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.ProfileOutput;
import java.io.IOException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code quarry profile --server URL ID}: the same profile, run as a job on a Quarry service. */
final class RemoteProfile {

  private RemoteProfile() {}

  static int run(ProfileCommand cmd, DatasetSpec spec) throws IOException {
    if (cmd.format == ProfileOutput.Kind.json) {
      throw new IllegalArgumentException("--format json is only for local profiles; use croissant or html");
    }
    ServerClient client = new ServerClient(cmd.server, cmd.apiKey);
    ObjectNode specification = spec == null ? ServerClient.JSON.createObjectNode()
        : (ObjectNode) ServerClient.JSON.valueToTree(spec);
    ObjectNode connector = specification.putArray("data_connectors").addObject();
    if (cmd.database) {
      connector.put("type", "DatabaseConnection").put("database_name", cmd.location);
    } else {
      connector.put("type", "RawDataPath").put("dataset_id", cmd.location);
    }
    if (!specification.hasNonNull("name")) {
      specification.put("name", cmd.location);
    }
    ObjectNode body = ServerClient.JSON.createObjectNode();
    body.set("profile_specification", specification);
    body.put("only_light_profile", cmd.light);

    JsonNode job = client.post("/api/v1/profiles", body);
    String id = job.path("id").asString();
    JsonNode done;
    try {
      done = JobsCommand.waitFor(client, id, Duration.ofHours(24));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for job " + id, e);
    }
    if (!"SUCCEEDED".equals(done.path("status").asString())) {
      cmd.spec.commandLine().getErr().println("quarry: job " + id + " " + done.path("status").asString()
          + (done.hasNonNull("error") ? ": " + done.path("error").asString() : ""));
      return JobsCommand.JOB_DID_NOT_SUCCEED;
    }
    String path = "/api/v1/profiles/" + id + "/"
        + (cmd.format == ProfileOutput.Kind.html ? "report" : cmd.light ? "light" : "heavy");
    String text = client.getText(path);
    cmd.write(FileIO.unrestricted(), text.endsWith("\n") ? text : text + "\n");
    return 0;
  }
}
