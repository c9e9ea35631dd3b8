package dev.quarry.server.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link JsonErrorReportValve} in place of the {@link ErrorReportValve} that Tomcat (or Spring
 * Boot, with {@code server.error.include-stacktrace: never}) installs on the host. Runs after Boot's
 * own Tomcat customizer, so the valve Boot adds is the one replaced.
 */
@Component
public class TomcatErrorReporting
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      // The host adds a valve of this class when it starts, unless one is there already.
      if (context.getParent() instanceof StandardHost standardHost) {
        standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
      }
      Pipeline host = context.getParent().getPipeline();
      for (Valve valve : host.getValves()) {
        if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
          host.removeValve(valve);
        }
      }
      host.addValve(new JsonErrorReportValve());
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
