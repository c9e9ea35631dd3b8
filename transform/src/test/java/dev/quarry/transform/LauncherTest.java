package dev.quarry.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.transform.run.InvalidJobException;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.TransformJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job options: validation before anything runs, and which files a job reads. */
class LauncherTest {

  @TempDir Path dir;

  private static JobRequest request(Map<String, Object> options, String transform, Map<String, Object> params) {
    return new JobRequest(options, List.of(new JobRequest.StepRequest(transform, params)));
  }

  @Test
  void badOptionsAndParametersNameThemselves() {
    Map<String, Object> io = Map.of("input", "in", "output", "out");
    assertThatThrownBy(() -> request(Map.of("output", "out"), "noop", Map.of()).validate())
        .isInstanceOf(InvalidJobException.class).hasMessageStartingWith("input: required");
    assertThatThrownBy(() -> request(Map.of("input", "x", "output", "x"), "noop", Map.of()).validate())
        .hasMessage("output: must differ from the input folder");
    assertThatThrownBy(() -> request(Map.of("input", "/d/in", "output", "/d/in/out"), "noop", Map.of()).validate())
        .hasMessageStartingWith("output: must not be inside the input folder");
    assertThatThrownBy(() -> request(Map.of("input", "a", "output", "b", "max_files", "many"), "noop", Map.of()).validate())
        .hasMessage("max_files: expected an integer, got 'many'");
    assertThatThrownBy(() -> request(Map.of("input", "a", "output", "b", "files_to_use", "[\".csv\"]"), "noop", Map.of()).validate())
        .hasMessageStartingWith("files_to_use: only .parquet");
    assertThatThrownBy(() -> request(io, "resize", Map.of()).validate())
        .hasMessageStartingWith("max_rows_per_table: give exactly one of");
    assertThatThrownBy(() -> request(io, "doc_id", Map.of("start_id", -3)).validate())
        .hasMessage("start_id: must not be negative");
    assertThatThrownBy(() -> request(io, "doc_id", Map.of()).validate())
        .hasMessage("hash_column: give hash_column, int_column or both");
    assertThatThrownBy(() -> request(io, "filter", Map.of("criteria_list", "x > 1")).validate())
        .hasMessageStartingWith("criteria_list: expected a JSON list");
    assertThatThrownBy(() -> request(io, "filter", Map.of("logical_operator", "XOR")).validate())
        .hasMessage("logical_operator: must be AND or OR, got 'XOR'");
    assertThatThrownBy(() -> request(io, "fdedup", Map.of("jaccard_threshold", 1.5)).validate())
        .hasMessage("jaccard_threshold: must be in (0, 1]");
    assertThatThrownBy(() -> request(io, "fdedup", Map.of("num_bands", 20, "num_minhashes_per_band", 8)).validate())
        .hasMessageStartingWith("num_bands: num_bands × num_minhashes_per_band must not exceed");
    assertThatThrownBy(() -> JobRequest.parsePipeline("transforms: [{params: {}}]", "p.yaml").validate())
        .hasMessage("transforms: every transform needs a 'name'");
    assertThatThrownBy(() -> JobRequest.parsePipeline("inputs: x\ntransforms: []", "p.yaml"))
        .hasMessageStartingWith("inputs: not a pipeline option");
  }

  @Test
  void aPipelineFileTypesItsValues() {
    TransformJob job = JobRequest.parsePipeline("""
        input: data/in
        output: s3://bucket/out
        max_files: 3
        checkpointing: true
        transforms:
          - name: filter
            params: {criteria_list: ["a > 1", "b = 'x'"], logical_operator: or}
          - name: resize
            params: {max_mbytes_per_table: 0.5}
        """, "p.yaml").validate();
    assertThat(job.maxFiles()).isEqualTo(3);
    assertThat(job.checkpointing()).isTrue();
    assertThat(job.output().isS3()).isTrue();
    assertThat(job.name()).isEqualTo("filter+resize");
    assertThat(job.spansFiles()).isTrue();
    assertThat(job.steps().get(0).params().list("criteria_list")).containsExactly("a > 1", "b = 'x'");
    assertThat(job.steps().get(1).params().number("max_mbytes_per_table")).isEqualTo(0.5);
  }

  @Test
  void maxFilesSamplesAndHiddenFilesDecideWhatIsRead() throws Exception {
    Path in = dir.resolve("in");
    Corpus.write(in, 6, 5);
    Files.writeString(in.resolve(".hidden.parquet"), "not parquet at all");
    Files.writeString(in.resolve("notes.txt"), "skip me");

    JobReport first = Jobs.run("noop", in, dir.resolve("a"), Map.of(), Map.of("max_files", 2), 2);
    assertThat(OutputFolders.parquetFiles(dir.resolve("a"))).containsExactly("part-000.parquet", "part-001.parquet");
    assertThat(first.stats().sourceFiles()).isEqualTo(2);

    Jobs.run("noop", in, dir.resolve("b"), Map.of(), Map.of("num_samples", 3), 2);
    Jobs.run("noop", in, dir.resolve("c"), Map.of(), Map.of("num_samples", 3), 2);
    assertThat(OutputFolders.parquetFiles(dir.resolve("b"))).hasSize(3)
        .isEqualTo(OutputFolders.parquetFiles(dir.resolve("c"))); // seeded: the same sample

    assertThatThrownBy(() -> Jobs.run("fdedup", in, dir.resolve("e"), Map.of("doc_id_column", "nope")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("doc_id_column: no column 'nope' in part-000.parquet (columns: id, contents)");

    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    assertThatThrownBy(() -> Jobs.run("noop", empty, dir.resolve("d"), Map.of()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("holds no .parquet files");
  }
}
