package dev.quarry.server.auth;

import dev.quarry.server.QuarryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Offline verification of bearer tokens: the key comes from configuration, never from the network
 * (no issuer discovery, no JWK set fetch), so a token is only as trusted as the key we were given.
 *
 * <p>A token is accepted when its signature verifies (HS256 with {@code quarry.jwt.secret}, whose
 * UTF-8 bytes are the key, or RS256 with the PEM public key at {@code quarry.jwt.public-key-location});
 * it has an {@code exp} that has not passed and no {@code nbf} in the future (60 s clock skew); its
 * {@code iss} is {@code quarry.jwt.issuer} when that is set; every {@code quarry.jwt.required-claims}
 * entry is present (and equal to, or for a list claim containing, the configured value when one is
 * given); and the user claim is a non-blank string that fits a user name.
 */
final class JwtVerification {

  /** HS256 keys shorter than the hash output weaken it (RFC 7518 §3.2 requires at least 256 bits). */
  static final int MIN_SECRET_BYTES = 32;

  /** The {@code quarry_users.name} column's size. */
  static final int MAX_USER_NAME = 200;

  private JwtVerification() {}

  /**
   * The decoder for the configured key, with all validators attached.
   *
   * @throws IllegalStateException when the configuration is unusable, so the server refuses to
   *     start instead of accepting tokens it cannot verify properly
   */
  static JwtDecoder decoder(QuarryProperties.Jwt config, ResourceLoader resources) {
    boolean hasSecret = config.secret() != null && !config.secret().isBlank();
    boolean hasKey = config.publicKeyLocation() != null && !config.publicKeyLocation().isBlank();
    if (hasSecret && hasKey) {
      throw new IllegalStateException(
          "set either quarry.jwt.secret or quarry.jwt.public-key-location, not both");
    }
    NimbusJwtDecoder decoder;
    if (hasSecret) {
      byte[] secret = config.secret().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalStateException("quarry.jwt.secret must be at least " + MIN_SECRET_BYTES
            + " bytes for HS256 (it has " + secret.length + ")");
      }
      decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
          .macAlgorithm(MacAlgorithm.HS256).build();
    } else if (hasKey) {
      decoder = NimbusJwtDecoder.withPublicKey(publicKey(config.publicKeyLocation(), resources))
          .signatureAlgorithm(SignatureAlgorithm.RS256).build();
    } else {
      throw new IllegalStateException("JWT verification is not configured");
    }
    decoder.setJwtValidator(validator(config));
    return decoder;
  }

  static OAuth2TokenValidator<Jwt> validator(QuarryProperties.Jwt config) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    // A token without exp would be valid forever; every identity provider sets it.
    timestamps.setAllowEmptyExpiryClaim(false);
    validators.add(timestamps);
    if (config.issuer() != null && !config.issuer().isBlank()) {
      validators.add(new JwtIssuerValidator(config.issuer()));
    }
    validators.add(requiredClaims(config.requiredClaims()));
    validators.add(userClaim(config.userClaim()));
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  private static OAuth2TokenValidator<Jwt> requiredClaims(Map<String, String> required) {
    return jwt -> {
      for (Map.Entry<String, String> e : required.entrySet()) {
        Object value = jwt.getClaims().get(e.getKey());
        if (value == null) {
          return invalid("the token lacks the required claim '" + e.getKey() + "'");
        }
        String expected = e.getValue();
        if (expected != null && !expected.isEmpty() && !matches(value, expected)) {
          return invalid("the token's claim '" + e.getKey() + "' does not have the required value");
        }
      }
      return OAuth2TokenValidatorResult.success();
    };
  }

  private static boolean matches(Object claim, String expected) {
    if (claim instanceof Collection<?> values) {
      return values.stream().anyMatch(v -> expected.equals(String.valueOf(v)));
    }
    return expected.equals(String.valueOf(claim));
  }

  private static OAuth2TokenValidator<Jwt> userClaim(String claim) {
    return jwt -> {
      Object value = jwt.getClaims().get(claim);
      if (!(value instanceof String name) || name.isBlank() || name.length() > MAX_USER_NAME
          || name.chars().anyMatch(Character::isISOControl)) {
        return invalid("the token's user claim '" + claim + "' is missing or not a usable user name");
      }
      return OAuth2TokenValidatorResult.success();
    };
  }

  private static OAuth2TokenValidatorResult invalid(String description) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
  }

  private static RSAPublicKey publicKey(String location, ResourceLoader resources) {
    Resource resource = resources.getResource(location);
    try (InputStream in = resource.getInputStream()) {
      return RsaKeyConverters.x509().convert(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the JWT public key at " + location + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the JWT public key at " + location
          + " is not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----): " + e.getMessage(), e);
    }
  }
}
