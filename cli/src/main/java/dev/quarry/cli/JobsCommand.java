package dev.quarry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code quarry jobs list|status|wait|cancel}: jobs of a running service. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "List, inspect, wait for and cancel jobs of a running Quarry service.",
    subcommands = {JobsCommand.List.class, JobsCommand.Status.class, JobsCommand.Wait.class,
        JobsCommand.Cancel.class})
final class JobsCommand {

  /** Exit code of {@code wait} when the job ended without succeeding. */
  static final int JOB_DID_NOT_SUCCEED = 3;
  static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Jobs, newest first.")
  static final class List implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ServerOptions server;

    @Option(names = "--status", description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.")
    String status;

    @Option(names = "--type", description = "Job type, e.g. profile.")
    String type;

    @Option(names = "--page", defaultValue = "0") int page;

    @Option(names = "--size", defaultValue = "20") int size;

    @Override
    public Integer call() throws IOException {
      StringBuilder q = new StringBuilder("/api/v1/jobs?page=" + page + "&size=" + size);
      if (status != null) {
        q.append("&status=").append(status.toUpperCase(Locale.ROOT));
      }
      if (type != null) {
        q.append("&type=").append(type);
      }
      JsonNode result = server.client().get(q.toString());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-36s  %-8s  %-10s  %-22s  %8s  %s%n", "ID", "TYPE", "STATUS", "STAGE", "PROGRESS",
          "CREATED");
      for (JsonNode j : result.path("items")) {
        out.printf("%-36s  %-8s  %-10s  %-22s  %8s  %s%n", j.path("id").asString(),
            j.path("type").asString(), j.path("status").asString(), j.path("stage").asString(),
            j.path("progress").path("done").asLong() + "/" + j.path("progress").path("total").asLong(),
            j.path("created_at").asString());
      }
      out.printf("(%d of %d)%n", result.path("items").size(), result.path("total").asLong());
      out.flush();
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "One job, as JSON.")
  static final class Status implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ServerOptions server;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Override
    public Integer call() throws IOException {
      JsonNode job = server.client().get("/api/v1/jobs/" + id);
      spec.commandLine().getOut().println(ServerClient.JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(job));
      return 0;
    }
  }

  @Command(name = "wait", mixinStandardHelpOptions = true,
      description = "Wait until a job ends. Exit 0 if it succeeded, 3 if it failed or was cancelled.")
  static final class Wait implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ServerOptions server;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Option(names = "--timeout", defaultValue = "PT1H",
        description = "Give up after this long (ISO-8601, e.g. PT10M). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode job = waitFor(server.client(), id, timeout);
      PrintWriter out = spec.commandLine().getOut();
      out.println(id + " " + job.path("status").asString()
          + (job.hasNonNull("error") ? ": " + job.path("error").asString() : ""));
      out.flush();
      return "SUCCEEDED".equals(job.path("status").asString()) ? 0 : JOB_DID_NOT_SUCCEED;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job.")
  static final class Cancel implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ServerOptions server;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Override
    public Integer call() throws IOException {
      JsonNode job = server.client().post("/api/v1/jobs/" + id + "/cancel", null);
      spec.commandLine().getOut().println(id + " " + job.path("status").asString()
          + (job.path("cancel_requested").asBoolean() ? " (cancel requested)" : ""));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Polls a job until it ends, backing off from 200 ms to 2 s between polls. */
  static JsonNode waitFor(ServerClient client, String id, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    long pause = 200;
    while (true) {
      JsonNode job = client.get("/api/v1/jobs/" + id);
      if (TERMINAL.contains(job.path("status").asString())) {
        return job;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("job " + id + " still " + job.path("status").asString() + " after " + timeout);
      }
      Thread.sleep(pause);
      pause = Math.min(2000, pause * 3 / 2);
    }
  }
}
