package dev.quarry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.transform.run.JobReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint keeps global state right. */
class CheckpointTest {

  @TempDir Path dir;

  @Test
  void ededupResumedFromACheckpointStillRemovesDuplicatesOfFilesDoneBefore() throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Corpus.write(in, 3, 14); // ids run across files; texts repeat every 7 ids ("about id % 7")

    // the first run stops after one file
    JobReport first = Jobs.run("ededup", in, out, Map.of(), Map.of("checkpointing", true, "max_files", 1), 2);
    assertThat(first.stats().resultRows()).isEqualTo(14); // "document N about k" texts are all distinct

    JobReport again = Jobs.run("ededup", in, out, Map.of(), Map.of("checkpointing", true), 2);
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(again.stats().sourceFiles()).isEqualTo(2);
    assertThat(again.stats().resultRows()).isEqualTo(28);

    // now a corpus whose later files repeat the first one's documents exactly
    Path copies = dir.resolve("copies");
    Path out2 = dir.resolve("out2");
    Corpus.write(copies, 1, 10);
    java.nio.file.Files.copy(copies.resolve("part-000.parquet"), copies.resolve("part-001.parquet"));
    java.nio.file.Files.copy(copies.resolve("part-000.parquet"), copies.resolve("part-002.parquet"));
    Jobs.run("ededup", copies, out2, Map.of(), Map.of("checkpointing", true, "max_files", 1), 2);
    JobReport resumed = Jobs.run("ededup", copies, out2, Map.of(), Map.of("checkpointing", true), 2);
    assertThat(resumed.stats().sourceRows()).isEqualTo(20);
    assertThat(resumed.stats().resultRows()).isZero(); // every document was kept before the interruption
    assertThat(OutputFolders.parquetFiles(out2)).containsExactly("part-000.parquet");
    assertThat(ParquetTable.open(OutputFolders.input(out2.resolve("part-000.parquet"))).rowCount()).isEqualTo(10);
  }

  @Test
  void docIdsStayUniqueAndDeterministicAcrossWorkersAndResumes() throws Exception {
    Path in = dir.resolve("in");
    Corpus.write(in, 5, 30);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Jobs.run("doc_id", in, a, Map.of("int_column", "doc", "start_id", 1), Map.of(), 2);
    Jobs.run("doc_id", in, b, Map.of("int_column", "doc", "start_id", 1), Map.of("checkpointing", true, "max_files", 2), 1);
    Jobs.run("doc_id", in, b, Map.of("int_column", "doc", "start_id", 1), Map.of("checkpointing", true), 2);
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (String rel : OutputFolders.parquetFiles(a)) {
      OutputFolders.assertSameTable(a.resolve(rel), b.resolve(rel), rel, false);
      for (Object[] row : OutputFolders.rows(ParquetTable.open(OutputFolders.input(a.resolve(rel))))) {
        ids.add((Long) row[2]);
        assertThat(row[2]).isEqualTo((Long) row[0] + 1); // the corpus' own ids run 0.. across files
      }
    }
    assertThat(ids).hasSize(150).doesNotHaveDuplicates();
  }
}
