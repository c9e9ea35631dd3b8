package dev.quarry.server.synth;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.jobs.JobStatus;
import dev.quarry.server.jobs.JobStore;
import dev.quarry.server.jobs.JobView;
import dev.quarry.server.web.ApiException;
import dev.quarry.synth.TableWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ExceptionHandler;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Synthetic data over HTTP.
 *
 * <ul>
 *   <li>{@code POST /api/v1/synth} (body: see {@link SynthRequests}). A request of one table of at
 *       most {@code quarry.synth.stream-row-limit} rows is answered with the rows themselves (200,
 *       the format's media type, {@code Content-Disposition: attachment; filename=<table>.<ext>}).
 *       A larger one, one without {@code table} on a schema of several tables, or one with
 *       {@code "async": true} becomes a {@code synth} job: 202 with the job and its
 *       {@code download_url}.
 *   <li>{@code GET /api/v1/synth/{jobId}/download[?table=]}: a SUCCEEDED job's file; 404 before,
 *       and for jobs of other users.
 *   <li>{@code POST /generate-data}: the seed service's route; Quarry's body and answers, the same
 *       as {@code /api/v1/synth} (the seed's own request shape is not documented).
 * </ul>
 *
 * A compressed body is served as {@code application/gzip} or {@code application/zstd} (the file
 * is a gzip or zstd file of the format), without {@code Content-Encoding}, so clients keep the
 * bytes as they are.
 */
@RestController
public class SynthController {

  private static final Logger LOG = LoggerFactory.getLogger(SynthController.class);
  public static final String BASE = "/api/v1/synth";

  private final SynthRequests requests;
  private final SynthQuota quota;
  private final SynthEngine engine;
  private final SynthResults results;
  private final SynthJobType jobType;
  private final JobService jobs;
  private final JobStore store;
  private final JsonMapper json;
  private final QuarryProperties.Synth config;

  public SynthController(SynthRequests requests, SynthQuota quota, SynthEngine engine,
      SynthResults results, SynthJobType jobType, JobService jobs, JobStore store, JsonMapper json,
      QuarryProperties properties) {
    this.requests = requests;
    this.quota = quota;
    this.engine = engine;
    this.results = results;
    this.jobType = jobType;
    this.jobs = jobs;
    this.store = store;
    this.json = json;
    this.config = properties.synth();
  }

  @PostMapping(path = {BASE, "/generate-data"}, consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> generate(@RequestBody JsonNode body, HttpServletResponse response)
      throws IOException {
    SynthPlan plan = requests.parse(body);
    QuarryUser user = CurrentUser.get();
    boolean streamable = plan.tables().size() == 1 && plan.rows() <= config.streamRowLimit();
    if (!streamable && !plan.async() && plan.rows() <= config.streamRowLimit()) {
      throw ApiException.badRequest("the schema has " + plan.tables().size() + " tables: name one with"
          + " 'table' to stream it, or send \"async\": true for a job that writes one file per table",
          "table");
    }
    if (streamable && !plan.async()) {
      stream(user, plan, body, response);
      return null; // the response is written
    }
    Job job;
    try (SynthQuota.Reservation held = quota.reserve(user, plan.rows())) {
      job = jobs.submit(SynthJobType.NAME, user, null, jobType.spec(body, plan.rows()));
    }
    ObjectNode view = json.valueToTree(JobView.of(job));
    String download = BASE + "/" + job.id() + "/download";
    view.put("download_url", download);
    ObjectNode downloads = view.putObject("downloads");
    for (String t : plan.tables()) {
      downloads.put(t, plan.tables().size() == 1 ? download
          : download + "?table=" + URLEncoder.encode(t, StandardCharsets.UTF_8));
    }
    return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(view);
  }

  /**
   * Writes the rows into the response on this thread, as they are generated (constant memory:
   * {@link SynthEngine}). Synchronous rather than an async {@code StreamingResponseBody}: the
   * service is stateless, so an async dispatch would carry no authentication, and no async
   * timeout cuts a slow client off. When writing fails after the first bytes went out, the
   * connection is closed without the final chunk, so the client sees a broken download rather
   * than a short file that looks whole.
   */
  private void stream(QuarryUser user, SynthPlan plan, JsonNode body, HttpServletResponse response)
      throws IOException {
    String table = plan.tables().get(0);
    String spec = jobType.spec(body, plan.rows());
    try (SynthQuota.Reservation held = quota.reserve(user, plan.rows())) {
      TableWriter.Result result = null;
      try {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CONTENT_TYPE, plan.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(plan.fileName(table)).build().toString());
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16);
        // Held until every row is made (at most stream-row-limit rows): a failure is still an error
        // response, not a download that breaks off.
        result = engine.write(plan, table, out, SynthEngine.options(new Cancellation()), true);
        out.flush();
      } catch (IOException | RuntimeException e) {
        if (!response.isCommitted()) {
          response.reset();
          throw e;
        }
        throw e instanceof IOException io ? new StreamBroken(io) : new StreamBroken(new IOException(e));
      } finally {
        record(user, spec, plan.rows(), result);
      }
    }
  }

  /** A stream that failed after its first bytes were sent. */
  static final class StreamBroken extends IOException {
    StreamBroken(IOException cause) {
      super("the stream broke off: " + cause.getMessage(), cause);
    }
  }

  /**
   * Lets a broken stream reach the servlet container, which closes the connection (the response
   * is committed; an error body would be appended to the data). A client that went away is not
   * logged as an error.
   */
  @ExceptionHandler(StreamBroken.class)
  void broken(StreamBroken e) throws IOException {
    LOG.info("synth stream broken off: {}", e.getCause().toString());
    throw e;
  }

  /**
   * Records a streamed request as a synth job that ended at once: SUCCEEDED with the rows and
   * bytes sent, or FAILED (the client went away, or writing failed) charged with every row, since
   * what the client received cannot be known.
   */
  private void record(QuarryUser user, String spec, long rows, TableWriter.Result result) {
    try {
      Job job = store.create(SynthJobType.NAME, user.id(), null, spec, SynthJobType.STREAMED);
      store.startAttempt(job.id());
      store.usage(job.id(), rows, result == null ? 0 : result.bytes());
      store.finish(job.id(), result == null ? JobStatus.FAILED : JobStatus.SUCCEEDED, SynthJobType.STREAMED,
          result == null ? "the stream did not complete" : null, null);
    } catch (RuntimeException e) {
      LOG.warn("could not record a streamed synth request of {}: {}", user.name(), e.toString());
    }
  }

  @GetMapping(BASE + "/{jobId}/download")
  public ResponseEntity<Resource> download(@PathVariable String jobId,
      @RequestParam(required = false) String table) {
    Job job = jobs.get(CurrentUser.get(), jobId);
    if (!job.type().equals(SynthJobType.NAME)) {
      throw ApiException.notFound("no synth job with id '" + jobId + "'");
    }
    if (job.status() != JobStatus.SUCCEEDED || job.result() == null) {
      throw ApiException.notFound("job '" + jobId + "' has no file to download: it is "
          + job.status() + (SynthJobType.STREAMED.equals(job.stage()) ? " (a streamed request)" : ""));
    }
    JsonNode result;
    try {
      result = json.readTree(job.result());
    } catch (JacksonException e) {
      throw new IllegalStateException("unreadable result of job " + jobId, e);
    }
    JsonNode files = result.path("files");
    List<String> tables = new ArrayList<>(files.propertyNames());
    String chosen;
    if (table != null) {
      if (!files.has(table)) {
        throw ApiException.notFound("job '" + jobId + "' wrote no table '" + table + "' (tables: "
            + String.join(", ", tables) + ")");
      }
      chosen = table;
    } else if (tables.size() == 1) {
      chosen = tables.get(0);
    } else {
      throw ApiException.badRequest("job '" + jobId + "' wrote " + tables.size() + " tables ("
          + String.join(", ", tables) + "): choose one with ?table=", "table");
    }
    String name = files.get(chosen).stringValue();
    Path file = results.file(job.id(), name);
    if (!Files.isRegularFile(file)) {
      throw ApiException.notFound("the file of table '" + chosen + "' of job '" + jobId + "' is gone");
    }
    String compress = result.path("compress").asString("none");
    String format = result.path("format").asString("csv");
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .header(HttpHeaders.CONTENT_TYPE, mediaType(format, compress))
        .body(new FileSystemResource(file));
  }

  private static String mediaType(String format, String compress) {
    return switch (compress) {
      case "gzip" -> "application/gzip";
      case "zstd" -> "application/zstd";
      default -> {
        var f = dev.quarry.synth.write.OutputFormats.byName(format);
        yield f.mediaType() + (f.name().startsWith("parquet") ? "" : "; charset=utf-8");
      }
    };
  }
}
