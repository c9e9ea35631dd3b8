package dev.quarry.server.auth;

import dev.quarry.server.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's API keys. A key is shown once, in the response that creates it; listings show its
 * prefix, which is enough to recognise it. Another user's key is "not found" rather than
 * "forbidden", so key ids cannot be probed.
 */
@RestController
@RequestMapping("/api/v1/keys")
public class ApiKeyController {

  /** Live keys a user may hold: plenty for rotation and per-machine keys, not a storage sink. */
  static final int MAX_LIVE_KEYS = 100;

  private final UserStore users;

  public ApiKeyController(UserStore users) {
    this.users = users;
  }

  public record CreateKeyRequest(
      @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
      String name) {}

  /** A new key: the only response that ever carries {@code key}. */
  public record CreatedKey(String id, String key, String prefix, String name, Instant createdAt) {}

  public record KeyView(String id, String userId, String prefix, String name, Instant createdAt,
      Instant lastUsedAt, Instant revokedAt, boolean revoked) {

    static KeyView of(UserStore.KeyInfo k) {
      return new KeyView(k.id(), k.userId(), k.prefix(), k.name(), k.createdAt(), k.lastUsedAt(),
          k.revokedAt(), k.revoked());
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public CreatedKey create(@Valid @RequestBody(required = false) CreateKeyRequest request) {
    QuarryUser me = CurrentUser.get();
    if (users.liveKeyCount(me.id()) >= MAX_LIVE_KEYS) {
      throw new ApiException(HttpStatus.CONFLICT,
          "a user may hold at most " + MAX_LIVE_KEYS + " live keys: revoke some first");
    }
    String key = ApiKeys.generate();
    String id = users.addKey(me.id(), key, request == null ? null : request.name());
    UserStore.KeyInfo info = users.findKey(id).orElseThrow();
    return new CreatedKey(id, key, info.prefix(), info.name(), info.createdAt());
  }

  /** The caller's keys, newest first; an admin may name another user with {@code userId}. */
  @GetMapping
  public List<KeyView> list(@RequestParam(required = false) String userId) {
    QuarryUser me = CurrentUser.get();
    String owner = userId == null || userId.isBlank() ? me.id() : userId;
    if (!me.canAccess(owner)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "only admins may list another user's keys", "userId");
    }
    return users.keys(owner).stream().map(KeyView::of).toList();
  }

  /** Revokes one of the caller's keys (an admin: any key). Revoking twice is harmless. */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> revoke(@PathVariable String id) {
    QuarryUser me = CurrentUser.get();
    UserStore.KeyInfo key = users.findKey(id)
        .filter(k -> me.canAccess(k.userId()))
        .orElseThrow(() -> ApiException.notFound("no such key: " + id));
    users.revokeKey(key.id());
    return ResponseEntity.noContent().build();
  }
}
