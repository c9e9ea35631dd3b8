package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.S3ProxyServer;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.heavy.HeavyProfiler;
import dev.quarry.synth.FragmentStore;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.TableWriter;
import dev.quarry.synth.write.OutputFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarry's capabilities on a real standalone cluster (a Master and two Workers on 127.0.0.1, each
 * its own JVM): the results equal the local engine's, and a job survives losing a Worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static SparkEngine spark;

  static final String SCHEMA = """
      seed: 7
      tables:
        people:
          rows: 120000
          fields:
            id:    {kind: sequence, start: 1}
            name:  {kind: faker, provider: name.fullName, pool: 2000}
            email: {kind: faker, provider: internet.emailAddress, unique: true, pool: 2000}
            age:   {kind: int, min: 18, max: 90, distribution: normal, mean: 40, stddev: 12}
            score: {kind: float, min: 0, max: 1, nulls: 0.05}
            tier:  {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
            day:   {kind: date, min: 2020-01-01, max: 2024-12-31}
            code:  {kind: regex, pattern: "[A-Z]{3}-[0-9]{4}"}
      """;

  @BeforeAll
  static void start() throws Exception {
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    spark = SparkEngine.builder()
        .master(cluster.masterUrl)
        .appName("quarry-cluster-test")
        .conf("spark.driver.host", "127.0.0.1")
        .conf("spark.driver.bindAddress", "127.0.0.1")
        .conf("spark.executor.memory", "768m")
        .jars(ShippedJars.fromClassPath(cluster.home))
        .build();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void synthesisIsByteIdenticalToTheLocalEngine() throws Exception {
    String onCluster = synthSha256(spark, 12);
    String local;
    try (LocalEngine engine = new LocalEngine(2)) {
      local = synthSha256(engine, 3);
    }
    assertThat(onCluster).isEqualTo(local);
    assertThat(spark.parallelism()).isEqualTo(2);
  }

  /**
   * Executors in other JVMs hand their fragments over through object storage, as on a cluster of
   * several machines; the run leaves nothing under the fragment prefix.
   */
  @Test
  @Order(1)
  void synthesisThroughAnS3FragmentStoreIsByteIdentical() throws Exception {
    String local;
    try (LocalEngine engine = new LocalEngine(2)) {
      local = synthSha256(engine, 3);
    }
    try (S3ProxyServer s3 = S3ProxyServer.start(); FileIO io = s3.newFileIO()) {
      s3.createBucket("scratch");
      Location prefix = Location.parse("s3://scratch/synth-fragments/");
      AtomicInteger fragmentsSeen = new AtomicInteger();
      RunOptions options = RunOptions.defaults().withProgress((done, failed, total) -> {
        try {
          int n = io.list(prefix, ListOptions.RECURSIVE).size();
          fragmentsSeen.accumulateAndGet(n, Math::max);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      String viaS3 = synthSha256(spark, options,
          TableWriter.Settings.DEFAULT.withShards(6).withFragments(new FragmentStore(io, prefix)));
      assertThat(viaS3).isEqualTo(local);
      assertThat(fragmentsSeen.get()).as("fragments waiting in the bucket during the run").isPositive();
      assertThat(io.list(Location.parse("s3://scratch/"), ListOptions.RECURSIVE)).isEmpty();
    }
  }

  @Test
  @Order(2)
  void heavyProfileEqualsTheLocalEngines() throws Exception {
    Path csv = dir.resolve("people.csv");
    Synthesizer synth = new Synthesizer(Synthesizer.parse(SCHEMA).schema());
    try (LocalEngine engine = new LocalEngine(2); OutputStream out = Files.newOutputStream(csv)) {
      TableWriter.write(synth, "people", OutputFormats.CSV, out, engine, RunOptions.defaults());
    }
    // Small split sizes so that the ~8 MB file becomes many tasks whose sketches are merged.
    ProfileRequest request = new ProfileRequest(csv.toString(), null, false,
        new HeavyProfiler.Options(1 << 20, 1 << 20));
    Profile onCluster = new Profiler(FileIO.unrestricted(), spark).profile(request);
    Profile local;
    try (LocalEngine engine = new LocalEngine(2)) {
      local = new Profiler(FileIO.unrestricted(), engine).profile(request);
    }
    assertSameStatistics(onCluster, local);
  }

  @Test
  @Order(3)
  void transformsWriteTheSameFilesAsTheLocalEngine() throws Exception {
    Path in = SparkTransformTest.corpus(dir.resolve("transform"));
    for (String transform : List.of("ededup", "doc_id")) {
      java.util.Map<String, Object> params = transform.equals("doc_id")
          ? java.util.Map.of("int_column", "int_id", "start_id", 1) : java.util.Map.of();
      Path local = dir.resolve(transform + "-local");
      Path onCluster = dir.resolve(transform + "-cluster");
      try (LocalEngine engine = new LocalEngine(2)) {
        SparkTransformTest.run(engine, transform, in, local, params);
      }
      assertThat(SparkTransformTest.run(spark, transform, in, onCluster, params).status())
          .isEqualTo("success");
      SparkTransformTest.assertSameOutputs(local, onCluster);
    }
  }

  @Test
  @Order(4)
  void aJobSurvivesLosingAWorker() throws Exception {
    String expected;
    try (LocalEngine engine = new LocalEngine(2)) {
      expected = synthSha256(engine, 4);
    }
    AtomicBoolean killed = new AtomicBoolean();
    String onCluster = synthSha256(spark, 40, RunOptions.defaults().withProgress((done, failed, total) -> {
      if (done >= 2 && killed.compareAndSet(false, true)) {
        cluster.killWorker(2);
      }
    }));
    assertThat(killed).isTrue();
    assertThat(onCluster).isEqualTo(expected);
  }

  private static String synthSha256(Engine engine, int shards) throws Exception {
    return synthSha256(engine, shards, RunOptions.defaults());
  }

  /** Writes the table through the engine with {@code shards} shards and hashes the bytes. */
  private static String synthSha256(Engine engine, int shards, RunOptions options) throws Exception {
    return synthSha256(engine, options, TableWriter.Settings.DEFAULT.withShards(shards));
  }

  private static String synthSha256(Engine engine, RunOptions options, TableWriter.Settings settings)
      throws Exception {
    Synthesizer synth = new Synthesizer(Synthesizer.parse(SCHEMA).schema());
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      TableWriter.write(synth, "people", OutputFormats.CSV, out, engine, options, settings);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void assertSameStatistics(Profile a, Profile b) {
    List<RecordSetProfile> as = a.heavy().recordSets();
    List<RecordSetProfile> bs = b.heavy().recordSets();
    assertThat(as).hasSameSizeAs(bs).isNotEmpty();
    for (int i = 0; i < as.size(); i++) {
      List<FieldProfile> af = as.get(i).fields();
      List<FieldProfile> bf = bs.get(i).fields();
      assertThat(af).extracting(FieldProfile::name).isEqualTo(bf.stream().map(FieldProfile::name).toList());
      for (int k = 0; k < af.size(); k++) {
        FieldProfile x = af.get(k);
        FieldProfile y = bf.get(k);
        assertThat(x.dataType()).as(x.name()).isEqualTo(y.dataType());
        assertThat(x.semanticTypes()).as(x.name()).isEqualTo(y.semanticTypes());
        assertThat(x.statistics().valueKinds()).as(x.name()).isEqualTo(y.statistics().valueKinds());
        assertThat(x.statistics().min()).as(x.name()).isEqualTo(y.statistics().min());
        assertThat(x.statistics().max()).as(x.name()).isEqualTo(y.statistics().max());
        assertThat(x.statistics().minLength()).as(x.name()).isEqualTo(y.statistics().minLength());
        assertThat(x.statistics().maxLength()).as(x.name()).isEqualTo(y.statistics().maxLength());
        if (y.statistics().mean() != null) {
          assertThat(x.statistics().mean()).as(x.name())
              .isCloseTo(y.statistics().mean(), within(1e-9 * Math.max(1, Math.abs(y.statistics().mean()))));
        }
      }
    }
  }
}
