package dev.quarry.bench.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings shared by the simulations, read from system properties (bench/service.sh passes them),
 * plus a plain HTTP client for setting up data before the load starts.
 */
final class Bench {

  static final String BASE_URL = System.getProperty("quarry.baseUrl", "http://127.0.0.1:8080");
  static final String API_KEY = System.getProperty("quarry.apiKey", "");
  /** A RawDataPath dataset id under the server's data root. */
  static final String DATASET = System.getProperty("quarry.dataset", "tiny");
  /** Where a simulation writes its own key=value results (jobs/s), read by bench/service.sh. */
  static final String SUMMARY_FILE = System.getProperty("bench.summaryFile", "");

  static final String TERMINAL_OK = "HEAVY_PROFILES_READY";
  static final String FAILED = "FAILED";

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern JOB_ID = Pattern.compile("\"job_id\"\\s*:\\s*\"([^\"]*)\"");

  private Bench() {}

  static String prop(String name, String fallback) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  static int intProp(String name, int fallback) {
    return Integer.parseInt(prop(name, Integer.toString(fallback)));
  }

  static double doubleProp(String name, double fallback) {
    return Double.parseDouble(prop(name, Double.toString(fallback)));
  }

  static List<Integer> intList(String name, String fallback) {
    List<Integer> out = new ArrayList<>();
    for (String s : prop(name, fallback).split("[,\\s]+")) {
      if (!s.isBlank()) {
        out.add(Integer.parseInt(s));
      }
    }
    return out;
  }

  /** The seed's trigger body for the small dataset. */
  static String triggerBody(boolean lightOnly) {
    return """
        {"profile_specification": {"id": "bench", "name": "Gatling bench", "description": "tiny CSVs",
          "license": "CC0-1.0", "data_connectors": [{"type": "RawDataPath", "dataset_id": "%s"}]},
         "only_light_profile": %s}""".formatted(DATASET, lightOnly);
  }

  /** Submits a profile job outside the measured load and returns its id. */
  static String submit(boolean lightOnly) {
    String body = send(HttpRequest.newBuilder(URI.create(BASE_URL + "/profiler/trigger_profile"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(triggerBody(lightOnly))));
    Matcher m = JOB_ID.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no job_id in " + body);
    }
    return m.group(1);
  }

  /** Waits until the job's seed status is terminal and returns it. */
  static String await(String jobId, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    String status = "";
    while (System.nanoTime() < end) {
      String body = send(HttpRequest.newBuilder(URI.create(BASE_URL + "/profiler/job_status/" + jobId)).GET());
      Matcher m = STATUS.matcher(body);
      status = m.find() ? m.group(1) : "";
      if (status.equals(FAILED) || status.equals(TERMINAL_OK)) {
        return status;
      }
      sleep(50);
    }
    throw new IllegalStateException("job " + jobId + " still " + status + " after " + timeout);
  }

  private static String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = CLIENT.send(request.header("X-API-Key", API_KEY)
          .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.request().uri() + " -> " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + BASE_URL + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Appends key=value lines to the summary file (when one is set) and prints them. */
  static void report(String... keyValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      out.append(keyValues[i]).append('=').append(keyValues[i + 1]).append('\n');
    }
    System.out.print(out);
    if (!SUMMARY_FILE.isBlank()) {
      try {
        Files.writeString(Path.of(SUMMARY_FILE), out, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static String join(List<?> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }
}
