package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.server.QuarryProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.Jwt;

/** Unusable JWT settings stop the server at start instead of weakening verification. */
class JwtVerificationTest {

  private static final DefaultResourceLoader RESOURCES = new DefaultResourceLoader();

  private static QuarryProperties.Jwt jwt(String secret, String location) {
    return new QuarryProperties.Jwt(secret, location, null, Map.of(), "sub");
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> JwtVerification.decoder(jwt("too-short", null), RESOURCES))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
  }

  @Test
  void aSecretAndAPublicKeyTogetherAreRefused() {
    assertThatThrownBy(() -> JwtVerification.decoder(
        jwt(AuthServerTest.SECRET, "classpath:nowhere.pem"), RESOURCES))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
  }

  @Test
  void aMissingOrInvalidPublicKeyIsRefused(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> JwtVerification.decoder(jwt(null, "file:" + dir.resolve("absent.pem")), RESOURCES))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot read");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");
    assertThatThrownBy(() -> JwtVerification.decoder(jwt(null, "file:" + garbage), RESOURCES))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("RSA public key");
  }

  @Test
  void aPublicKeyLoadsFromAFile(@TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("k.pem"), Tokens.pem(Tokens.rsaKeyPair().getPublic()));
    assertThat(JwtVerification.decoder(jwt(null, "file:" + pem), RESOURCES)).isNotNull();
  }

  @Test
  void requiredClaimsMatchScalarsAndListMembers() {
    var validator = JwtVerification.validator(new QuarryProperties.Jwt(AuthServerTest.SECRET, null, null,
        Map.of("client_id", "cli", "aud", "quarry", "tenant", ""), "sub"));
    assertThat(validator.validate(token(List.of("x", "quarry"), "any")).hasErrors()).isFalse();
    assertThat(validator.validate(token(List.of("x"), "any")).hasErrors()).isTrue();
    // An empty configured value asks for presence only.
    assertThat(validator.validate(token(List.of("quarry"), null)).hasErrors()).isTrue();
  }

  private static Jwt token(List<String> audience, String tenant) {
    Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "HS256").subject("u")
        .expiresAt(Instant.now().plusSeconds(60)).claim("client_id", "cli").claim("aud", audience);
    return (tenant == null ? b : b.claim("tenant", tenant)).build();
  }
}
