package dev.quarry.profile;

import dev.quarry.profile.croissant.CroissantWriter;
import dev.quarry.profile.report.HtmlReport;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders a profile in one of the output formats. */
public final class ProfileOutput {

  /** The output formats. */
  public enum Kind {
    /** Croissant 1.0 JSON-LD with 1.1 statistics annotations. */
    croissant,
    /** Quarry's own JSON: the profile records as they are. */
    json,
    /** A self-contained HTML report. */
    html
  }

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private ProfileOutput() {}

  public static String render(Profile profile, Kind kind) {
    return switch (kind) {
      case croissant -> CroissantWriter.toJson(profile) + "\n";
      case json -> JSON.writeValueAsString(profile) + "\n";
      case html -> HtmlReport.render(profile);
    };
  }
}
