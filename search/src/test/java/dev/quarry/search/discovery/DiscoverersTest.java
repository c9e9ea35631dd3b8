package dev.quarry.search.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.S3ProxyServer;
import dev.quarry.core.storage.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each built-in discoverer against a real source on 127.0.0.1: it brings datasets in, then an
 * update and a deletion show up as such.
 */
class DiscoverersTest {

  @TempDir Path dir;

  static final FileIO LOOPBACK = FileIO.create(StorageConfig.unrestricted()
      .withAllowedHosts(List.of("127.0.0.1")));

  /** What the catalog would hold after applying a listing: external id → version. */
  static Map<String, String> known(List<DiscoveredDataset> listing) {
    Map<String, String> m = new HashMap<>();
    listing.forEach(d -> m.put(d.externalId(), d.version()));
    return m;
  }

  @Test
  void providersAreFoundWithServiceLoader() {
    assertThat(Discoverers.providers().keySet())
        .containsExactly("ckan", "folder", "s3", "socrata", "urls", "zenodo");
    assertThatThrownBy(() -> Discoverers.create("ftp", Map.of(), LOOPBACK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown discoverer type 'ftp'");
    assertThatThrownBy(() -> Discoverers.create("ckan", Map.of(), LOOPBACK))
        .hasMessageContaining("setting 'url' is required");
  }

  @Test
  void folderSeesNewChangedAndRemovedFiles() throws Exception {
    Files.writeString(dir.resolve("a.csv"), "x\n1\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.parquet"), "not really");
    Files.writeString(dir.resolve("notes.txt"), "not a table");
    Files.writeString(dir.resolve(".hidden.csv"), "x\n");
    Discoverer d = Discoverers.create("folder", Map.of("path", dir.toString()), FileIO.unrestricted());
    List<DiscoveredDataset> first = d.list();
    assertThat(first).extracting(DiscoveredDataset::externalId).containsExactlyInAnyOrder("a.csv", "sub/b.parquet");
    assertThat(DiscoveryChanges.between(Map.of(), first).added()).hasSize(2);

    Files.writeString(dir.resolve("a.csv"), "x\n1\n2\n3\n");
    Files.delete(dir.resolve("sub/b.parquet"));
    Files.writeString(dir.resolve("c.tsv"), "y\n2\n");
    DiscoveryChanges c = DiscoveryChanges.between(known(first), d.list());
    assertThat(c.added()).extracting(DiscoveredDataset::externalId).containsExactly("c.tsv");
    assertThat(c.updated()).extracting(DiscoveredDataset::externalId).containsExactly("a.csv");
    assertThat(c.removed()).containsExactly("sub/b.parquet");
  }

  @Test
  void s3PrefixSeesNewChangedAndRemovedObjects() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      s3.createBucket("lake");
      FileIO io = s3.newFileIO();
      write(io, "s3://lake/data/one.csv", "a,b\n1,2\n");
      write(io, "s3://lake/data/two.csv", "a,b\n3,4\n");
      write(io, "s3://lake/other/three.csv", "a\n1\n");
      Discoverer d = Discoverers.create("s3", Map.of("prefix", "s3://lake/data"), io);
      List<DiscoveredDataset> first = d.list();
      assertThat(first).extracting(DiscoveredDataset::externalId).containsExactlyInAnyOrder("one.csv", "two.csv");
      assertThat(first.get(0).location()).startsWith("s3://lake/data/");

      write(io, "s3://lake/data/one.csv", "a,b\n1,2\n5,6\n");
      io.delete(dev.quarry.core.storage.Location.parse("s3://lake/data/two.csv"));
      DiscoveryChanges c = DiscoveryChanges.between(known(first), d.list());
      assertThat(c.updated()).extracting(DiscoveredDataset::externalId).containsExactly("one.csv");
      assertThat(c.removed()).containsExactly("two.csv");
      assertThat(c.added()).isEmpty();
    }
  }

  static void write(FileIO io, String location, String text) throws Exception {
    io.newOutputFile(dev.quarry.core.storage.Location.parse(location))
        .write(out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void urlListFollowsEachUrl() throws Exception {
    try (FakePortal portal = new FakePortal()) {
      portal.route("/files/a.csv", "x\n1\n").route("/files/b.csv", "y\n2\n");
      Discoverer d = Discoverers.create("urls", Map.of("urls",
          portal.base() + "/files/a.csv,\n" + portal.base() + "/files/b.csv"), LOOPBACK);
      List<DiscoveredDataset> first = d.list();
      assertThat(first).hasSize(2);
      portal.route("/files/a.csv", "x\n1\n2\n").remove("/files/b.csv");
      DiscoveryChanges c = DiscoveryChanges.between(known(first), d.list());
      assertThat(c.updated()).extracting(DiscoveredDataset::externalId).containsExactly(portal.base() + "/files/a.csv");
      assertThat(c.removed()).containsExactly(portal.base() + "/files/b.csv");
    }
  }

  @Test
  void ckanPackageSearch() throws Exception {
    try (FakePortal portal = new FakePortal()) {
      portal.fixture("/api/3/action/package_search", "ckan-package_search-1.json");
      Discoverer d = Discoverers.create("ckan", Map.of("url", portal.base()), LOOPBACK);
      List<DiscoveredDataset> first = d.list();
      assertThat(first).hasSize(2); // the HTML resource is not a table
      DiscoveredDataset stations = first.get(0);
      assertThat(stations.name()).isEqualTo("Air quality stations: stations.csv");
      assertThat(stations.license()).isEqualTo("cc-by");
      assertThat(stations.keywords()).containsExactly("air quality", "environment");
      assertThat(stations.location()).isEqualTo(portal.base() + "/dataset/air-quality-stations/resource/stations.csv");
      assertThat(stations.metadata()).containsEntry("ckan_package", "air-quality-stations");

      portal.fixture("/api/3/action/package_search", "ckan-package_search-2.json");
      DiscoveryChanges c = DiscoveryChanges.between(known(first), d.list());
      assertThat(c.updated()).extracting(DiscoveredDataset::externalId).containsExactly(stations.externalId());
      assertThat(c.removed()).containsExactly(first.get(1).externalId());
      assertThat(c.added()).isEmpty();
    }
  }

  @Test
  void socrataCatalog() throws Exception {
    try (FakePortal portal = new FakePortal()) {
      portal.fixture("/api/catalog/v1", "socrata-catalog-1.json");
      Discoverer d = Discoverers.create("socrata", Map.of("url", portal.base(),
          "domain", "data.example.gov", "data_url", portal.base()), LOOPBACK);
      List<DiscoveredDataset> first = d.list();
      assertThat(first).extracting(DiscoveredDataset::externalId).containsExactly("uvpi-gqnh", "tg4x-b46p");
      assertThat(first.get(0).location())
          .isEqualTo(portal.base() + "/api/views/uvpi-gqnh/rows.csv?accessType=DOWNLOAD");
      assertThat(first.get(0).keywords()).containsExactly("trees", "parks");
      assertThat(first.get(0).license()).isEqualTo("Public Domain");

      portal.fixture("/api/catalog/v1", "socrata-catalog-2.json");
      DiscoveryChanges c = DiscoveryChanges.between(known(first), d.list());
      assertThat(c.updated()).extracting(DiscoveredDataset::externalId).containsExactly("uvpi-gqnh");
      assertThat(c.removed()).containsExactly("tg4x-b46p");
    }
  }

  @Test
  void zenodoRecords() throws Exception {
    try (FakePortal portal = new FakePortal()) {
      portal.fixture("/api/records", "zenodo-records-1.json");
      Discoverer d = Discoverers.create("zenodo", Map.of("url", portal.base()), LOOPBACK);
      List<DiscoveredDataset> first = d.list();
      assertThat(first).extracting(DiscoveredDataset::externalId)
          .containsExactly("8012345/profiles.csv", "5901234/mass_balance.csv");
      assertThat(first.get(0).description()).isEqualTo("Temperature profiles measured in alpine lakes .");
      assertThat(first.get(0).license()).isEqualTo("cc-by-4.0");
      assertThat(first.get(0).metadata()).containsEntry("doi", "10.5281/zenodo.8012345");

      portal.fixture("/api/records", "zenodo-records-2.json");
      DiscoveryChanges c = DiscoveryChanges.between(known(first), d.list());
      assertThat(c.updated()).extracting(DiscoveredDataset::externalId).containsExactly("8012345/profiles.csv");
      assertThat(c.removed()).containsExactly("5901234/mass_balance.csv");
    }
  }

  @Test
  void aPortalThatIsNotThereFails() {
    Discoverer d = Discoverers.create("ckan", Map.of("url", "http://127.0.0.1:9"), LOOPBACK);
    assertThatThrownBy(d::list).isInstanceOf(java.io.IOException.class);
  }
}
