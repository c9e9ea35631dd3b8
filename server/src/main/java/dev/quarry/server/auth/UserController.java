package dev.quarry.server.auth;

import dev.quarry.server.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users. Creating and listing them is for admins ({@link SecurityConfig} enforces it);
 * {@code /me} is for everyone.
 */
@RestController
@RequestMapping("/api/v1/users")
public class UserController {

  private final UserStore users;

  public UserController(UserStore users) {
    this.users = users;
  }

  /**
   * @param role {@code USER} when omitted
   */
  public record CreateUserRequest(
      @NotBlank @Size(max = 200)
      @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters") String name,
      Role role) {}

  public record UserView(String id, String name, Role role, Instant createdAt) {

    static UserView of(UserStore.UserAccount a) {
      return new UserView(a.id(), a.name(), a.role(), a.createdAt());
    }
  }

  /** A new user and its first API key, shown this once. */
  public record CreatedUser(UserView user, String key, String keyPrefix) {}

  /**
   * The caller as this request sees it.
   *
   * @param role the role in force for this request (for a bearer token: the token's, see
   *     {@link JwtUserConverter})
   * @param authenticatedBy {@code API_KEY} or {@code JWT}
   */
  public record Me(String id, String name, Role role, Instant createdAt, String authenticatedBy) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public CreatedUser create(@Valid @RequestBody CreateUserRequest request) {
    String name = request.name().strip();
    String key = ApiKeys.generate();
    QuarryUser user;
    try {
      user = users.createUserWithKey(name, request.role() == null ? Role.USER : request.role(), key,
          "first key");
    } catch (DuplicateKeyException e) {
      throw new ApiException(HttpStatus.CONFLICT, "a user named '" + name + "' already exists", "name");
    }
    return new CreatedUser(UserView.of(users.findAccount(user.id()).orElseThrow()), key, ApiKeys.prefix(key));
  }

  @GetMapping
  public List<UserView> list() {
    return users.accounts().stream().map(UserView::of).toList();
  }

  @GetMapping("/me")
  public Me me() {
    QuarryUser me = CurrentUser.get();
    Instant created = users.findAccount(me.id()).map(UserStore.UserAccount::createdAt).orElse(null);
    String method = SecurityContextHolder.getContext().getAuthentication() instanceof QuarryAuthentication a ? a.method().name() : null;
    return new Me(me.id(), me.name(), me.role(), created, method);
  }
}
