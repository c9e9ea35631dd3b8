package dev.quarry.server.profiles;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.server.QuarryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * A profile job's results under {@code $QUARRY_HOME/results/{jobId}/}: {@value #LIGHT},
 * {@value #HEAVY}, {@value #REPORT}. Each is written atomically (temporary file, then rename), so
 * a reader sees a whole document or none, and a re-run after a crash replaces them in place.
 */
@Component
public class ProfileResults {

  public static final String LIGHT = "light.json";
  public static final String HEAVY = "heavy.json";
  public static final String REPORT = "report.html";
  /** The search catalog's entry for the profiled data (the seed's {@code cdd_profile}). */
  public static final String CDD = "cdd.json";

  /** Job ids are UUIDs; anything else must never become a path. */
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Path root;
  private final FileIO io;

  public ProfileResults(QuarryProperties properties) {
    this.root = properties.resultsRoot().toAbsolutePath().normalize();
    this.io = FileIO.create(StorageConfig.unrestricted().withAllowedRoots(List.of(root.toString())));
  }

  public Path folder(String jobId) {
    if (!JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    return root.resolve(jobId);
  }

  public void write(String jobId, String name, String content) throws IOException {
    Path folder = folder(jobId);
    Files.createDirectories(folder);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    io.newOutputFile(Location.ofLocal(folder.resolve(name))).write(out -> out.write(bytes));
  }

  public Optional<String> read(String jobId, String name) {
    try {
      return Optional.of(Files.readString(folder(jobId).resolve(name), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes the temporary files that a write cut short left in the job's folder: a process killed
   * while it wrote a result. Called when a run starts (one run of a job is under way at a time),
   * so a run after a crash leaves only whole results behind.
   */
  public void deleteTemporaryFiles(String jobId) throws IOException {
    Path folder = folder(jobId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    // The names FileIO gives them: ".{name}.{uuid}.tmp" beside the result they were to become.
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, ".*.tmp")) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Removes the job's folder and everything in it (temporary files of an interrupted write too). */
  public void delete(String jobId) throws IOException {
    Path folder = folder(jobId);
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
