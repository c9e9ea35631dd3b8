package dev.quarry.core.formats.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages. Drivers put the URL in their own messages ("No suitable
 * driver found for jdbc:...?password=..."), and URLs carry passwords as parameters or as {@code
 * user:password@host}; so messages are built from the redacted URL, driver messages are scrubbed
 * of every known secret, and a driver exception whose messages contain a secret is not kept as a
 * cause at all (loggers print causes).
 */
final class Credentials {

  private static final String MASK = "***";

  /** Keys whose values are secret, as URL parameters and as driver properties. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i)password|passwd|pwd|secret|token|.*(?:password|secret|token|access[_-]?key|api[_-]?key)");

  /** {@code key=value} in a URL, with {@code ;} (H2, SQL Server) or {@code &} (query) separators. */
  private static final Pattern URL_PARAMETER = Pattern.compile("([A-Za-z0-9_.\\-]+)=([^;&]*)");

  /** {@code //user:password@host} */
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:;?]*):([^/@]*)@");

  private Credentials() {}

  static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String redacted = USER_INFO.matcher(url).replaceAll(m -> Matcher.quoteReplacement("//" + m.group(1) + ":" + MASK + "@"));
    Matcher parameters = URL_PARAMETER.matcher(redacted);
    StringBuilder out = new StringBuilder();
    while (parameters.find()) {
      String replacement =
          SECRET_KEY.matcher(parameters.group(1)).matches()
              ? parameters.group(1) + "=" + MASK
              : parameters.group();
      parameters.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    parameters.appendTail(out);
    return out.toString();
  }

  /** The property names with secret values masked, for toString(). */
  static Map<String, String> redactedKeys(Properties properties) {
    Map<String, String> shown = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      shown.put(key, SECRET_KEY.matcher(key).matches() ? MASK : properties.getProperty(key));
    }
    return shown;
  }

  /** Every secret of a source: secret-named properties, URL parameters and URL user info. */
  static List<String> secretsOf(JdbcSource source) {
    List<String> secrets = new ArrayList<>();
    Properties properties = source.properties();
    for (String key : properties.stringPropertyNames()) {
      if (SECRET_KEY.matcher(key).matches()) {
        secrets.add(properties.getProperty(key));
      }
    }
    Matcher userInfo = USER_INFO.matcher(source.url());
    while (userInfo.find()) {
      secrets.add(userInfo.group(2));
    }
    Matcher parameters = URL_PARAMETER.matcher(source.url());
    while (parameters.find()) {
      if (SECRET_KEY.matcher(parameters.group(1)).matches()) {
        secrets.add(parameters.group(2));
      }
    }
    secrets.removeIf(String::isEmpty);
    return List.copyOf(secrets);
  }

  /** {@code text} with each secret replaced by the mask. */
  static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return scrubbed;
  }

  /** Whether any message in the cause chain (or suppressed ones) shows a secret. */
  static boolean leaks(Throwable failure, List<String> secrets) {
    if (secrets.isEmpty()) {
      return false;
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>(List.of(failure));
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(pending.size() - 1);
      if (t == null || !seen.add(t)) {
        continue;
      }
      String message = t.getMessage();
      if (message != null && secrets.stream().anyMatch(message::contains)) {
        return true;
      }
      pending.add(t.getCause());
      pending.addAll(List.of(t.getSuppressed()));
      if (t instanceof java.sql.SQLException sql) {
        pending.add(sql.getNextException());
      }
    }
    return false;
  }
}
