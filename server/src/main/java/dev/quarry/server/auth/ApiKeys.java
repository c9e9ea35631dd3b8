package dev.quarry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: 32 random bytes, URL-safe, with a {@code qk_} prefix so leaked keys are easy to spot.
 * A plain SHA-256 is the right hash here: keys are random and long, so there is nothing to
 * brute-force that a slow password hash would protect.
 */
public final class ApiKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "qk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String hash(String key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The first characters, kept to tell keys apart in listings. */
  public static String prefix(String key) {
    return key.substring(0, Math.min(10, key.length()));
  }
}
