package dev.quarry.server.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares both ways to authenticate in the OpenAPI document and requires one of them on every
 * operation (two requirement entries mean "either"). A customizer rather than an {@code OpenAPI}
 * bean, so other parts of the service can still contribute the document's info and servers.
 */
@Configuration
public class OpenApiSecurity {

  static final String API_KEY = "apiKey";
  static final String BEARER = "bearerJwt";

  @Bean
  OpenApiCustomizer securitySchemes() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi.getComponents()
          .addSecuritySchemes(API_KEY, new SecurityScheme()
              .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
              .name(ApiKeyAuthenticationFilter.HEADER)
              .description("An API key (qk_...), created with POST /api/v1/keys"))
          .addSecuritySchemes(BEARER, new SecurityScheme()
              .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
              .description("A JWT signed with the key in quarry.jwt (when configured)"));
      openApi.addSecurityItem(new SecurityRequirement().addList(API_KEY));
      openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
    };
  }
}
