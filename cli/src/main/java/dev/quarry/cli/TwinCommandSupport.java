package dev.quarry.cli;

import dev.quarry.core.engine.Engine;
import dev.quarry.synth.twin.FidelityReport;
import dev.quarry.synth.twin.ProfileToSchema;
import dev.quarry.synth.twin.ProfileToSchema.Twin;
import dev.quarry.synth.twin.SynthTwin;
import dev.quarry.synth.twin.TwinProfile;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputFormats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code quarry synth --from-profile FILE}: the synthetic twin of a profiled dataset, one file per
 * record set in the {@code --out} folder, then its fidelity report on stdout (and as JSON with
 * {@code --report}). Kept apart from {@link SynthCommand} so that command only gains a branch.
 */
final class TwinCommandSupport {

  private TwinCommandSupport() {}

  /**
   * @param rows rows per table, or null for the original counts
   * @param emitSchema where to save the generated schema (editable, for {@code --schema}), or null
   * @param report where to write the fidelity report as JSON, or null
   */
  static int run(Path profileFile, Long rows, Long seed, String format, String out, EngineOptions engineOptions,
      Path emitSchema, Path report, PrintWriter stdout, PrintWriter stderr) throws IOException {
    if (out == null || out.contains("://")) {
      throw new IllegalArgumentException("--from-profile needs --out FOLDER, a local folder for one file per table");
    }
    if (rows != null && rows < 0) {
      throw new IllegalArgumentException("--rows must not be negative, got " + rows);
    }
    engineOptions.validate();
    OutputFormat fmt = OutputFormats.byName(format);
    TwinProfile original = SynthTwin.read(profileFile);
    Twin twin = ProfileToSchema.build(original, rows, seed == null ? 0 : seed);
    if (emitSchema != null) {
      Files.writeString(emitSchema, twin.schemaText());
    }
    try (Engine engine = engineOptions.open()) {
      SynthTwin.Result result = SynthTwin.run(original, twin, Path.of(out), fmt, engine);
      for (SynthTwin.Written w : result.files()) {
        stderr.printf(Locale.ROOT, "quarry: %s: %,d rows, %,d bytes -> %s%n", w.table(), w.rows(), w.bytes(), w.file());
      }
      FidelityReport fidelity = result.report();
      if (fidelity == null) {
        stderr.println("quarry: no fidelity report: " + fmt.name()
            + " is not a format Quarry profiles (csv, tsv, json, jsonl, parquet)");
        return 0;
      }
      stdout.print(fidelity.toText());
      stdout.flush();
      if (report != null) {
        Files.writeString(report, fidelity.toJson());
      }
    }
    return 0;
  }
}
