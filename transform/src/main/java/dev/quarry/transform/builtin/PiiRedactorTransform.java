package dev.quarry.transform.builtin;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.ValueType;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in documents and replaces each finding with a tag ({@code <EMAIL_ADDRESS>})
 * or removes it. Entities: e-mail addresses, phone numbers, credit card numbers (13 to 19 digits
 * passing the Luhn check), IBANs (country code, check digits, passing the ISO 13616 mod-97 check)
 * and IP addresses (IPv4 with octets up to 255, IPv6). Candidates that fail their checksum are left
 * alone. Counts per entity go to the job's statistics.
 */
public final class PiiRedactorTransform implements TransformSpec {

  enum Entity {
    EMAIL_ADDRESS("(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])"),
    IBAN_CODE("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])"),
    CREDIT_CARD("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"),
    IP_ADDRESS("(?<![\\w.:])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.])"
        + "|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\\w:])"
        + "|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?![\\w:])"),
    PHONE_NUMBER("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,4}){1,4}(?![\\w])");

    final Pattern pattern;

    Entity(String regex) {
      this.pattern = Pattern.compile(regex);
    }

    boolean valid(String found) {
      return switch (this) {
        case CREDIT_CARD -> luhn(found.replaceAll("[ -]", ""));
        case IBAN_CODE -> iban(found.replace(" ", ""));
        case PHONE_NUMBER -> {
          int digits = found.replaceAll("\\D", "").length();
          yield digits >= 7 && digits <= 15;
        }
        default -> true;
      };
    }
  }

  /** Luhn's check digit test (ISO/IEC 7812), for 13 to 19 digits. */
  static boolean luhn(String digits) {
    if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
  static boolean iban(String iban) {
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      if (Character.isDigit(c)) {
        digits.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        digits.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  @Override
  public String name() {
    return "pii_redactor";
  }

  @Override
  public String description() {
    return "replaces or removes e-mails, phone numbers, credit cards, IBANs and IP addresses";
  }

  @Override
  public List<Param> params() {
    List<String> all = java.util.Arrays.stream(Entity.values()).map(Enum::name).toList();
    return List.of(
        Param.of("doc_column", ParamType.STRING, "contents", "column holding the document text"),
        Param.of("redacted_column", ParamType.STRING, "contents", "column for the redacted text (may be the same)"),
        Param.of("operator", ParamType.STRING, "replace", "replace (with <ENTITY>) or redact (remove)")
            .withCheck(v -> v.equals("replace") || v.equals("redact") ? null : "must be replace or redact"),
        Param.of("entities", ParamType.STRING_LIST, all, "entities to find: " + String.join(", ", all))
            .withCheck(v -> {
              for (Object e : (List<?>) v) {
                if (!all.contains(e.toString().toUpperCase(Locale.ROOT))) {
                  return "unknown entity '" + e + "' (known: " + String.join(", ", all) + ")";
                }
              }
              return null;
            }),
        Param.optional("detected_column", ParamType.STRING, "column listing the entities found in each document"));
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    String docColumn = params.string("doc_column");
    String outColumn = params.string("redacted_column");
    String detectedColumn = params.string("detected_column");
    boolean replace = params.string("operator").equals("replace");
    List<Entity> entities = new ArrayList<>();
    for (Entity e : Entity.values()) { // in declaration order: cards before phones, IBANs before cards
      if (params.list("entities").stream().anyMatch(n -> n.equalsIgnoreCase(e.name()))) {
        entities.add(e);
      }
    }
    return (batch, file) -> {
      int doc = batch.require(docColumn);
      List<String> redacted = new ArrayList<>(batch.size());
      List<String> detected = new ArrayList<>(batch.size());
      Map<String, Object> counts = new LinkedHashMap<>();
      for (Object[] row : batch.rows()) {
        String text = Texts.text(row[doc], docColumn);
        if (text == null) {
          redacted.add(null);
          detected.add(null);
          continue;
        }
        TreeSet<String> found = new TreeSet<>();
        for (Entity e : entities) {
          Matcher m = e.pattern.matcher(text);
          StringBuilder b = new StringBuilder();
          int n = 0;
          while (m.find()) {
            if (e.valid(m.group())) {
              m.appendReplacement(b, replace ? "<" + e.name() + ">" : "");
              n++;
            }
          }
          m.appendTail(b);
          if (n > 0) {
            text = b.toString();
            found.add(e.name());
            counts.merge("pii_" + e.name(), (long) n, (x, y) -> (Long) x + (Long) y);
          }
        }
        redacted.add(text);
        detected.add(found.isEmpty() ? null : String.join(",", found));
        if (!found.isEmpty()) {
          counts.merge("docs_with_pii", 1L, (x, y) -> (Long) x + (Long) y);
        }
      }
      Batch out = batch.withColumn(Column.of(outColumn, ValueType.STRING), redacted);
      if (detectedColumn != null) {
        out = out.withColumn(Column.of(detectedColumn, ValueType.STRING), detected);
      }
      return TransformResult.of(out, counts);
    };
  }
}
