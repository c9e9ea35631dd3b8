package dev.quarry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {

  private static AccessPolicy policy(StorageConfig config) {
    return new AccessPolicy(config);
  }

  @Nested
  class LocalPaths {

    @TempDir Path tmp;
    Path root;
    Path outside;
    AccessPolicy policy;

    @BeforeEach
    void setUp() throws IOException {
      root = Files.createDirectories(tmp.resolve("root"));
      outside = Files.createDirectories(tmp.resolve("outside"));
      Files.writeString(root.resolve("a.txt"), "a");
      Files.writeString(outside.resolve("secret.txt"), "secret");
      policy = policy(StorageConfig.unrestricted().withAllowedRoots(List.of(root.toString())));
    }

    private Location local(Path p) {
      return new Location(Location.FILE, "", p.toString());
    }

    @Test
    void pathsUnderTheRootPassIncludingFilesNotYetWritten() throws IOException {
      assertThat(policy.check(Location.ofLocal(root.resolve("a.txt"))).toPath()).isEqualTo(root.resolve("a.txt"));
      assertThatCode(() -> policy.check(Location.ofLocal(root.resolve("new/deep/file.csv")))).doesNotThrowAnyException();
      assertThatCode(() -> policy.check(Location.ofLocal(root))).doesNotThrowAnyException();
    }

    @Test
    void dotDotEscapeIsDeniedAndCheckReturnsTheNormalisedLocation() throws IOException {
      Location escape = local(Path.of(root + "/../outside/secret.txt"));
      assertThatThrownBy(() -> policy.check(escape))
          .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.userError()).isTrue())
          .hasMessageContaining(outside.resolve("secret.txt").toString())
          .hasMessageContaining("outside the allowed folders");

      Location harmless = local(Path.of(root + "/sub/../a.txt"));
      assertThat(policy.check(harmless).path()).isEqualTo(root.resolve("a.txt").toString());
    }

    @Test
    void aSiblingWithTheRootAsNamePrefixIsOutside() throws IOException {
      Path sibling = Files.createDirectories(tmp.resolve("root2"));
      assertThatThrownBy(() -> policy.check(Location.ofLocal(sibling.resolve("x.csv"))))
          .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void symlinkInsideTheRootPointingOutsideIsDenied() throws IOException {
      Files.createSymbolicLink(root.resolve("link-file"), outside.resolve("secret.txt"));
      Files.createSymbolicLink(root.resolve("link-dir"), outside);

      assertThatThrownBy(() -> policy.check(Location.ofLocal(root.resolve("link-file"))))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> policy.check(Location.ofLocal(root.resolve("link-dir/secret.txt"))))
          .isInstanceOf(AccessDeniedException.class);
      // A file about to be written through the link would land outside too.
      assertThatThrownBy(() -> policy.check(Location.ofLocal(root.resolve("link-dir/new/out.csv"))))
          .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void danglingSymlinkIsJudgedByItsTarget() throws IOException {
      Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-yet"));
      Files.createSymbolicLink(root.resolve("dangling-inside"), root.resolve("later.txt"));
      assertThatThrownBy(() -> policy.check(Location.ofLocal(root.resolve("dangling"))))
          .isInstanceOf(AccessDeniedException.class);
      assertThatCode(() -> policy.check(Location.ofLocal(root.resolve("dangling-inside")))).doesNotThrowAnyException();
    }

    @Test
    void symlinkPointingWithinTheRootIsFine() throws IOException {
      Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("a.txt"));
      assertThatCode(() -> policy.check(Location.ofLocal(root.resolve("alias.txt")))).doesNotThrowAnyException();
    }

    @Test
    void rootsAreComparedByRealPath() throws IOException {
      Path rootAlias = Files.createSymbolicLink(tmp.resolve("root-alias"), root);
      AccessPolicy viaAlias = policy(StorageConfig.unrestricted().withAllowedRoots(List.of(rootAlias.toString())));
      assertThatCode(() -> viaAlias.check(Location.ofLocal(root.resolve("a.txt")))).doesNotThrowAnyException();
      assertThatCode(() -> viaAlias.check(Location.ofLocal(rootAlias.resolve("a.txt")))).doesNotThrowAnyException();
      assertThatThrownBy(() -> viaAlias.check(Location.ofLocal(outside.resolve("secret.txt"))))
          .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void fileIoChecksBeforeReading() {
      try (FileIO io = FileIO.create(StorageConfig.unrestricted().withAllowedRoots(List.of(root.toString())))) {
        assertThatThrownBy(() -> io.newInputFile(Location.ofLocal(outside.resolve("secret.txt"))))
            .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> io.newOutputFile(Location.ofLocal(outside.resolve("planted.txt"))))
            .isInstanceOf(AccessDeniedException.class);
        assertThat(Files.exists(outside.resolve("planted.txt"))).isFalse();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Test
    void noRootsMeansAnyPath() throws IOException {
      AccessPolicy open = policy(StorageConfig.unrestricted());
      assertThat(open.check(Location.ofLocal(outside.resolve("secret.txt"))).toPath())
          .isEqualTo(outside.resolve("secret.txt"));
      assertThat(open.confinesLocalPaths()).isFalse();
      assertThat(policy.confinesLocalPaths()).isTrue();
    }
  }

  @Nested
  class Buckets {

    final AccessPolicy policy =
        policy(StorageConfig.unrestricted().withAllowedBuckets(List.of("data", "logs/2024/", "s3://reports/q1")));

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://data/anything/at/all.csv", "s3://data", "s3://logs/2024/01/x.json", "s3://logs/2024",
        "s3://logs/2024/", "s3://reports/q1/sum.csv"})
    void allowed(String location) {
      assertThatCode(() -> policy.check(Location.parse(location))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
        "s3://other/x.csv, not in the allowed buckets",
        "s3://logs/20245/x.json, outside the allowed prefixes",
        "s3://logs/2023/x.json, outside the allowed prefixes",
        "s3://logs, outside the allowed prefixes",
        "s3://logs/2024/../secrets/k, '..' segment",
        "s3://reports/q10/x.csv, outside the allowed prefixes"})
    void denied(String location, String reason) {
      assertThatThrownBy(() -> policy.check(Location.parse(location)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(location)
          .hasMessageContaining(reason);
    }

    @Test
    void noBucketListMeansAnyBucket() {
      assertThatCode(() -> policy(StorageConfig.unrestricted()).check(Location.parse("s3://whatever/k")))
          .doesNotThrowAnyException();
    }
  }

  @Nested
  class Hosts {

    final AccessPolicy open = policy(StorageConfig.unrestricted());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://169.254.169.254/latest/meta-data/ | cloud metadata",
        "http://[fd00:ec2::254]/latest/ | cloud metadata",
        "http://[::ffff:169.254.169.254]/ | cloud metadata",
        "http://metadata.google.internal/computeMetadata/v1/ | cloud metadata service",
        "http://METADATA.google.internal./x | cloud metadata service",
        "http://metadata/x | cloud metadata service",
        "http://169.254.10.1/ | link-local",
        "http://[fe80::1]/ | link-local",
        "http://0.0.0.0:8080/ | wildcard",
        "http://224.0.0.1/ | multicast",
        "http://127.0.0.1:8080/x | loopback",
        "http://localhost/x | loopback",
        "http://[::1]/x | loopback",
        "http://10.1.2.3/ | private-network",
        "http://172.16.0.1/ | private-network",
        "http://192.168.1.1/ | private-network",
        "http://[fd12:3456::1]/ | private-network",
        "http://100.100.100.200/ | private-network"})
    void forbiddenAddressesAreDeniedWithAReason(String url, String reason) {
      assertThatThrownBy(() -> open.check(Location.parse(url)))
          .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.userError()).isTrue())
          .hasMessageStartingWith(Location.parse(url).toString())
          .hasMessageContaining(reason);
    }

    @Test
    void publicAddressesPassWhenNoListIsSet() {
      // IP literals: resolving them needs no DNS, and nothing is contacted.
      assertThatCode(() -> open.check(Location.parse("https://93.184.216.34/data.csv"))).doesNotThrowAnyException();
      assertThatCode(() -> open.check(Location.parse("https://[2606:4700::1111]/x"))).doesNotThrowAnyException();
    }

    @Test
    void loopbackPassesOnlyWhenNamedAndOnTheNamedPort() throws AccessDeniedException {
      AccessPolicy withPort = policy(StorageConfig.unrestricted().withAllowedHosts(List.of("127.0.0.1:8080")));
      withPort.check(Location.parse("http://127.0.0.1:8080/x"));
      assertThatThrownBy(() -> withPort.check(Location.parse("http://127.0.0.1:9090/x")))
          .hasMessageContaining("not in the allowed hosts");

      AccessPolicy anyPort = policy(StorageConfig.unrestricted().withAllowedHosts(List.of("LocalHost", "[::1]")));
      anyPort.check(Location.parse("http://localhost:1234/x"));
      anyPort.check(Location.parse("http://[::1]:5678/x"));
      assertThatThrownBy(() -> anyPort.check(Location.parse("http://127.0.0.1:1234/x")))
          .hasMessageContaining("not in the allowed hosts");
    }

    @Test
    void defaultPortsMatchAHostPortEntry() throws AccessDeniedException {
      AccessPolicy p = policy(StorageConfig.unrestricted().withAllowedHosts(List.of("93.184.216.34:443")));
      p.check(Location.parse("https://93.184.216.34/x"));
      assertThatThrownBy(() -> p.check(Location.parse("http://93.184.216.34/x"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void metadataStaysDeniedEvenWhenListed() {
      AccessPolicy p =
          policy(StorageConfig.unrestricted().withAllowedHosts(List.of("169.254.169.254", "metadata.google.internal")));
      assertThatThrownBy(() -> p.check(Location.parse("http://169.254.169.254/latest/")))
          .hasMessageContaining("cloud metadata");
      assertThatThrownBy(() -> p.check(Location.parse("http://metadata.google.internal/")))
          .hasMessageContaining("cloud metadata");
    }

    @Test
    void aHostListDeniesEveryOtherHost() {
      AccessPolicy p = policy(StorageConfig.unrestricted().withAllowedHosts(List.of("data.example.org")));
      assertThatThrownBy(() -> p.check(Location.parse("https://93.184.216.34/x")))
          .hasMessageContaining("host '93.184.216.34' is not in the allowed hosts");
    }

    @Test
    void userInfoIsDeniedWithoutEchoingThePassword() {
      assertThatThrownBy(() -> open.check(Location.parse("https://bob:s3cret@93.184.216.34/x")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("user info")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void addressKinds() throws Exception {
    assertThat(AddressKind.of(InetAddress.getByName("8.8.8.8"))).isEqualTo(AddressKind.PUBLIC);
    assertThat(AddressKind.of(InetAddress.getByName("172.32.0.1"))).isEqualTo(AddressKind.PUBLIC);
    assertThat(AddressKind.of(InetAddress.getByName("100.128.0.1"))).isEqualTo(AddressKind.PUBLIC);
    assertThat(AddressKind.of(InetAddress.getByName("172.31.255.255"))).isEqualTo(AddressKind.PRIVATE);
    assertThat(AddressKind.of(InetAddress.getByName("127.8.9.10"))).isEqualTo(AddressKind.LOOPBACK);
    assertThat(AddressKind.of(InetAddress.getByName("::"))).isEqualTo(AddressKind.ANY_LOCAL);
    assertThat(AddressKind.of(InetAddress.getByName("0.1.2.3"))).isEqualTo(AddressKind.ANY_LOCAL);
    assertThat(AddressKind.of(InetAddress.getByName("::ffff:10.0.0.1"))).isEqualTo(AddressKind.PRIVATE);
    assertThat(AddressKind.of(InetAddress.getByName("ff02::1"))).isEqualTo(AddressKind.MULTICAST);
  }
}
