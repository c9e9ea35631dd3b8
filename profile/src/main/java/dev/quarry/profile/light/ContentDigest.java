package dev.quarry.profile.light;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a stream once and returns both the SHA-256 of all its bytes and its first bytes, so format
 * detection needs no second read of a remote object.
 */
record ContentDigest(String sha256, byte[] head, int headLength, long bytes) {

  static ContentDigest of(InputStream in, int headSize) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] head = new byte[headSize];
    int headLength = 0;
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
      if (headLength < headSize) {
        int take = Math.min(n, headSize - headLength);
        System.arraycopy(buf, 0, head, headLength, take);
        headLength += take;
      }
      total += n;
    }
    return new ContentDigest(HexFormat.of().formatHex(md.digest()),
        headLength == headSize ? head : Arrays.copyOf(head, headLength), headLength, total);
  }
}
