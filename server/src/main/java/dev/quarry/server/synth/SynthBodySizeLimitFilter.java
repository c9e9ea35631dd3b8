package dev.quarry.server.synth;

import dev.quarry.server.profiles.BodySizeLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The job routes' cap on JSON bodies, applied to the synth and seed user routes too. */
@Component
public class SynthBodySizeLimitFilter extends BodySizeLimitFilter {

  public SynthBodySizeLimitFilter(JsonMapper json) {
    super(json);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !(uri.startsWith(SynthController.BASE) || uri.equals("/generate-data") || uri.equals("/add-user"));
  }
}
