package dev.quarry.server.synth;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.OutputFile;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.profiles.ProfileResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A synth job's files under {@code $QUARRY_HOME/results/{jobId}/}, one per table
 * ({@code <table>.<ext>[.gz|.zst]}). Each is written atomically (temporary file, then rename), so a
 * download sees a whole file or none, and a re-run after a crash replaces it. The job folder rules
 * (id check, leftover temporary files, removal) are the ones profile results follow.
 */
@Component
public class SynthResults {

  private final ProfileResults folders;
  private final FileIO io;

  public SynthResults(QuarryProperties properties, ProfileResults folders) {
    this.folders = folders;
    Path root = properties.resultsRoot().toAbsolutePath().normalize();
    this.io = FileIO.create(StorageConfig.unrestricted().withAllowedRoots(List.of(root.toString())));
  }

  /** The file {@code name} of the job; {@code name} comes from {@link SynthPlan#fileName}. */
  public Path file(String jobId, String name) {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("not a result file name: " + name);
    }
    return folders.folder(jobId).resolve(name);
  }

  public void write(String jobId, String name, OutputFile.StreamWriter body) throws IOException {
    Path file = file(jobId, name);
    Files.createDirectories(file.getParent());
    io.newOutputFile(Location.ofLocal(file)).write(body);
  }

  public void deleteTemporaryFiles(String jobId) throws IOException {
    folders.deleteTemporaryFiles(jobId);
  }

  public void delete(String jobId) throws IOException {
    folders.delete(jobId);
  }
}
