package dev.quarry.core.storage;

import java.util.Locale;

/**
 * A host and optional port as written in a URL authority or an allow-list entry: {@code host},
 * {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal. Host names are kept
 * lower-case without brackets or a trailing dot, so that {@code Example.COM.} and {@code
 * example.com} compare equal.
 *
 * @param port the port, or -1 when none was written
 */
record HostPort(String host, int port) {

  static HostPort parse(String text) {
    String t = text.strip();
    String host;
    int port = -1;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unbalanced '[' in host: " + text);
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1), text);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("unexpected text after ']' in host: " + text);
      }
    } else if (t.indexOf(':') != t.lastIndexOf(':')) {
      host = t; // a bare IPv6 literal: its colons are not a port separator
    } else {
      int colon = t.indexOf(':');
      host = colon < 0 ? t : t.substring(0, colon);
      if (colon >= 0) {
        port = parsePort(t.substring(colon + 1), text);
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host: " + text);
    }
    return new HostPort(host, port);
  }

  /** The port, or the scheme's default when none was written. */
  int portOr(String scheme) {
    if (port >= 0) {
      return port;
    }
    return Location.HTTPS.equals(scheme) ? 443 : 80;
  }

  private static int parsePort(String digits, String text) {
    try {
      int p = Integer.parseInt(digits);
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port out of range in host: " + text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in host: " + text, e);
    }
  }
}
