package dev.quarry.server.synth;

import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.Role;
import dev.quarry.server.auth.UserController;
import dev.quarry.server.usage.UsageStats;
import dev.quarry.server.usage.UsageStore;
import dev.quarry.server.web.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The seed service's user routes, mapped onto Quarry's users and usage:
 *
 * <ul>
 *   <li>{@code POST /add-user} (admins only): {@code {"name": "...", "role": "user"|"admin"}} creates
 *       the user and answers 201 with it and its first API key, shown this once: the same as
 *       {@code POST /api/v1/users}.
 *   <li>{@code GET /user-stats}: the caller's usage, the same JSON as {@code /api/v1/users/me/stats}.
 * </ul>
 */
@RestController
public class SeedUserRoutes {

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final UserController users;
  private final UsageStore usage;

  public SeedUserRoutes(UserController users, UsageStore usage) {
    this.users = users;
    this.usage = usage;
  }

  @PostMapping(path = "/add-user", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public UserController.CreatedUser addUser(@RequestBody JsonNode body) {
    if (!CurrentUser.get().isAdmin()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "not allowed for this user: this route needs the admin role");
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object", null);
    }
    for (String key : body.propertyNames()) {
      if (!key.equals("name") && !key.equals("role")) {
        throw ApiException.badRequest("unknown field '" + key + "'; known: name, role", key);
      }
    }
    JsonNode n = body.get("name");
    if (n == null || !n.isString() || n.stringValue().isBlank()) {
      throw ApiException.badRequest("'name' is required: a non-blank string", "name");
    }
    String name = n.stringValue().strip();
    if (name.length() > 200 || CONTROL.matcher(name).find()) {
      throw ApiException.badRequest("'name' must be at most 200 characters, without control characters", "name");
    }
    Role role = Role.USER;
    JsonNode r = body.get("role");
    if (r != null && !r.isNull()) {
      try {
        role = Role.valueOf(r.isString() ? r.stringValue().strip().toUpperCase(Locale.ROOT) : "");
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("'role' must be 'user' or 'admin'", "role");
      }
    }
    return users.create(new UserController.CreateUserRequest(name, role));
  }

  @GetMapping("/user-stats")
  public UsageStats userStats() {
    QuarryUser me = CurrentUser.get();
    return usage.forUser(me.id()).orElseThrow(() -> ApiException.notFound("no such user: " + me.id()));
  }
}
