package dev.quarry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationTest {

  @Test
  void localPathsBecomeAbsoluteAndNormalised() {
    Location loc = Location.parse("/data/in/../raw/./a.csv");
    assertThat(loc.isLocal()).isTrue();
    assertThat(loc.path()).isEqualTo("/data/raw/a.csv");
    assertThat(loc.name()).isEqualTo("a.csv");
    assertThat(loc.toPath()).isEqualTo(Path.of("/data/raw/a.csv"));

    Location relative = Location.parse("some/file.txt");
    assertThat(relative.toPath()).isEqualTo(Path.of("some/file.txt").toAbsolutePath());
  }

  @Test
  void fileUrisAreLocal() {
    assertThat(Location.parse("file:///tmp/x%20y.csv").path()).isEqualTo("/tmp/x y.csv");
    assertThat(Location.parse("file:/tmp/z.csv").path()).isEqualTo("/tmp/z.csv");
  }

  @Test
  void s3KeepsBucketAndKey() {
    Location loc = Location.parse("s3://my-bucket/a/b/c.parquet");
    assertThat(loc.isS3()).isTrue();
    assertThat(loc.authority()).isEqualTo("my-bucket");
    assertThat(loc.path()).isEqualTo("a/b/c.parquet");
    assertThat(loc.uri()).isEqualTo("s3://my-bucket/a/b/c.parquet");
    assertThat(Location.parse("s3a://b/k").scheme()).isEqualTo("s3");
    assertThat(Location.parse("s3://bucket").path()).isEmpty();
    assertThat(loc.resolve("d.csv").path()).isEqualTo("a/b/c.parquet/d.csv");
    assertThat(Location.parse("s3://b/dir/").relativize(Location.parse("s3://b/dir/x/y.csv"))).isEqualTo("x/y.csv");
  }

  @Test
  void httpKeepsPortPathAndQuery() {
    Location loc = Location.parse("HTTPS://Example.org:8443/files/data.csv?version=2&x=%20");
    assertThat(loc.isHttp()).isTrue();
    assertThat(loc.scheme()).isEqualTo("https");
    assertThat(loc.authority()).isEqualTo("Example.org:8443");
    assertThat(loc.path()).isEqualTo("/files/data.csv?version=2&x=%20");
    assertThat(loc.name()).isEqualTo("data.csv");
    assertThat(loc.uri()).isEqualTo("https://Example.org:8443/files/data.csv?version=2&x=%20");
    assertThat(Location.parse("http://example.org").path()).isEqualTo("/");
    assertThat(Location.parse("http://[::1]:9000/x").authority()).isEqualTo("[::1]:9000");
  }

  @Test
  void userInfoIsKeptForThePolicyButItsPasswordIsMaskedInText() {
    Location loc = Location.parse("https://alice:hunter2@example.org/x.csv");
    assertThat(loc.authority()).isEqualTo("alice:hunter2@example.org");
    assertThat(loc.toString()).isEqualTo("https://alice:***@example.org/x.csv").doesNotContain("hunter2");
  }

  @Test
  void badLocationsAreRejected() {
    assertThatThrownBy(() -> Location.parse("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Location.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Location.parse("s3:///key")).hasMessageContaining("without a bucket");
    assertThatThrownBy(() -> Location.parse("ftp://host/file")).hasMessageContaining("unsupported location scheme 'ftp'");
    assertThatThrownBy(() -> Location.parse("http:///nohost")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Location.parse("http://exa mple.org/")).hasMessageContaining("not a valid URL");
  }
}
