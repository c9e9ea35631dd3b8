package dev.quarry.profile.report;

import dev.quarry.profile.DocumentProfile;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.FieldStatistics;
import dev.quarry.profile.FileEntry;
import dev.quarry.profile.FileSetEntry;
import dev.quarry.profile.HeavyProfile;
import dev.quarry.profile.LightProfile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.SemanticType;
import dev.quarry.profile.stats.ColumnStats.ValueCount;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page for people: no scripts, no external assets; histograms and top values
 * are inline SVG so the file can be mailed or archived as it is.
 */
public final class HtmlReport {

  private static final int CHART_WIDTH = 240;
  private static final int CHART_HEIGHT = 60;

  private HtmlReport() {}

  public static String render(Profile profile) {
    LightProfile light = profile.light();
    HeavyProfile heavy = profile.heavy();
    String title = light.spec().name() != null ? light.spec().name() : lastSegment(light.location());
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" — Quarry profile</title><style>")
        .append("body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#222;padding:0 1rem}")
        .append("h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}")
        .append("table{border-collapse:collapse;width:100%;margin:.5rem 0}")
        .append("th,td{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}")
        .append("th{background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".warn{color:#a15c00}.tag{display:inline-block;background:#eef3ff;color:#234;border-radius:3px;padding:0 .3rem;margin:0 .2rem .2rem 0;font-size:12px}")
        .append(".muted{color:#777}svg{display:block}</style></head><body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    if (light.spec().description() != null) {
      h.append("<p>").append(esc(light.spec().description())).append("</p>\n");
    }
    h.append("<p class=\"muted\">").append(esc(light.location())).append(" · profiled ")
        .append(esc(light.profiledAt().toString())).append("</p>\n");

    h.append("<h2>Overview</h2><table>");
    row(h, "Files", Integer.toString(light.files().size()));
    row(h, "Total size", bytes(light.totalBytes()));
    if (heavy != null) {
      row(h, "Record sets", Integer.toString(heavy.recordSets().size()));
      row(h, "Records", Long.toString(heavy.recordSets().stream().mapToLong(RecordSetProfile::rows).sum()));
      if (heavy.temporal() != null) {
        row(h, "Temporal coverage", heavy.temporal().iso() + " (by "
            + heavy.temporal().resolution().name().toLowerCase(Locale.ROOT) + ")");
      }
      if (heavy.spatial() != null) {
        row(h, "Spatial coverage", String.format(Locale.ROOT, "lon %.5f … %.5f, lat %.5f … %.5f",
            heavy.spatial().minLon(), heavy.spatial().maxLon(), heavy.spatial().minLat(),
            heavy.spatial().maxLat()));
      }
    }
    h.append("</table>\n");
    warnings(h, light.warnings());
    if (heavy != null) {
      warnings(h, heavy.warnings());
    }

    h.append("<h2>Files</h2><table><tr><th>File</th><th>Format</th><th>Size</th><th>SHA-256</th></tr>");
    for (FileEntry f : light.files()) {
      h.append("<tr><td>").append(esc(f.contentUrl()))
          .append(f.containedIn() == null ? "" : " <span class=\"muted\">in " + esc(f.containedIn()) + "</span>")
          .append("</td><td>").append(esc(f.encodingFormat())).append("</td><td class=\"n\">")
          .append(bytes(f.size())).append("</td><td><code>").append(esc(f.sha256()))
          .append("</code></td></tr>");
    }
    h.append("</table>\n");
    if (!light.fileSets().isEmpty()) {
      h.append("<table><tr><th>File set</th><th>Includes</th><th>Files</th></tr>");
      for (FileSetEntry s : light.fileSets()) {
        h.append("<tr><td>").append(esc(s.name())).append("</td><td><code>")
            .append(esc(String.join(", ", s.includes()))).append("</code></td><td class=\"n\">")
            .append(s.memberIds().size()).append("</td></tr>");
      }
      h.append("</table>\n");
    }

    if (heavy != null) {
      for (RecordSetProfile rs : heavy.recordSets()) {
        recordSet(h, rs);
      }
      if (!heavy.documents().isEmpty()) {
        h.append("<h2>Documents</h2><table><tr><th>File</th><th>Pages</th><th>Words</th>")
            .append("<th>Lines</th><th>Characters</th><th>Language</th><th>Metadata</th></tr>");
        for (DocumentProfile d : heavy.documents()) {
          h.append("<tr><td>").append(esc(d.fileId())).append("</td><td class=\"n\">")
              .append(d.pages()).append("</td><td class=\"n\">").append(d.words())
              .append("</td><td class=\"n\">").append(d.lines()).append("</td><td class=\"n\">")
              .append(d.characters()).append("</td><td>")
              .append(esc(d.language() == null ? "?" : d.language())).append("</td><td>")
              .append(esc(d.metadata().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                  .collect(Collectors.joining("; "))))
              .append("</td></tr>");
        }
        h.append("</table>\n");
      }
    }
    h.append("<p class=\"muted\">Generated by Quarry. Distinct counts above ")
        .append("10,000 and quantiles are sketch estimates.</p></body></html>\n");
    return h.toString();
  }

  private static void recordSet(StringBuilder h, RecordSetProfile rs) {
    h.append("<h2 id=\"").append(esc(rs.id())).append("\">").append(esc(rs.name()))
        .append(" <span class=\"muted\">").append(rs.rows()).append(" records, ")
        .append(rs.fields().size()).append(" fields</span></h2>\n");
    warnings(h, rs.warnings());
    h.append("<table><tr><th>Field</th><th>Type</th><th>Missing</th><th>Distinct</th>")
        .append("<th>Min</th><th>Max</th><th>Mean</th><th>Std dev</th><th>Distribution</th></tr>\n");
    for (FieldProfile f : rs.fields()) {
      FieldStatistics s = f.statistics();
      h.append("<tr><td><b>").append(esc(f.name())).append("</b>");
      for (String w : f.warnings()) {
        h.append("<div class=\"warn\">⚠ ").append(esc(w)).append("</div>");
      }
      h.append("</td><td>").append(esc(f.dataType().replace("sc:", "")));
      for (SemanticType t : f.semanticTypes()) {
        h.append("<br><span class=\"tag\">").append(esc(t.name().toLowerCase(Locale.ROOT)))
            .append("</span>");
      }
      h.append("</td><td class=\"n\">").append(percent(s.missing(), s.count()))
          .append("</td><td class=\"n\">").append(s.distinctExact() ? "" : "≈").append(s.distinct())
          .append("</td><td class=\"n\">").append(num(s.min())).append("</td><td class=\"n\">")
          .append(num(s.max())).append("</td><td class=\"n\">").append(num(s.mean()))
          .append("</td><td class=\"n\">").append(num(s.stddev())).append("</td><td>");
      if (s.histogram() != null && s.histogram().counts().size() > 1) {
        histogram(h, s.histogram());
      } else if (!s.topValues().isEmpty()) {
        topValues(h, s.topValues(), s.count() - s.missing());
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void histogram(StringBuilder h, FieldStatistics.Histogram hist) {
    List<Long> counts = hist.counts();
    long max = counts.stream().mapToLong(Long::longValue).max().orElse(1);
    double w = (double) CHART_WIDTH / counts.size();
    h.append("<svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
        .append("\" role=\"img\" aria-label=\"histogram\">");
    for (int i = 0; i < counts.size(); i++) {
      double bh = max == 0 ? 0 : (double) counts.get(i) / max * (CHART_HEIGHT - 2);
      h.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a78c2\"><title>%s … %s: %d</title></rect>",
          i * w, CHART_HEIGHT - bh, Math.max(w - 1, 1), bh, num(hist.edges().get(i)),
          num(hist.edges().get(i + 1)), counts.get(i)));
    }
    h.append("</svg>");
  }

  private static void topValues(StringBuilder h, List<ValueCount> top, long present) {
    List<ValueCount> shown = top.subList(0, Math.min(5, top.size()));
    int rowH = 12;
    h.append("<svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(shown.size() * rowH)
        .append("\" role=\"img\" aria-label=\"top values\">");
    long max = shown.stream().mapToLong(ValueCount::count).max().orElse(1);
    for (int i = 0; i < shown.size(); i++) {
      ValueCount v = shown.get(i);
      double bw = (double) v.count() / max * (CHART_WIDTH / 2.0);
      h.append(String.format(Locale.ROOT,
          "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#7aa35a\"></rect>", i * rowH, bw, rowH - 2));
      String label = v.value().length() > 28 ? v.value().substring(0, 27) + "…" : v.value();
      h.append("<text x=\"").append(CHART_WIDTH / 2 + 4).append("\" y=\"").append(i * rowH + 9)
          .append("\" font-size=\"10\">").append(esc(label)).append(" (").append(percent(v.count(), present))
          .append(")</text>");
    }
    h.append("</svg>");
  }

  private static void warnings(StringBuilder h, List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    h.append("<ul class=\"warn\">");
    for (String w : warnings) {
      h.append("<li>").append(esc(w)).append("</li>");
    }
    h.append("</ul>\n");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static String num(Double d) {
    if (d == null) {
      return "";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String lastSegment(String location) {
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return l.substring(l.lastIndexOf('/') + 1);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
