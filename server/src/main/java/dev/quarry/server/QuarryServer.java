package dev.quarry.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Quarry service: REST API, durable jobs, auth. {@code ./quarry serve} starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuarryServer {

  public static void main(String[] args) {
    SpringApplication.run(QuarryServer.class, args);
  }
}
