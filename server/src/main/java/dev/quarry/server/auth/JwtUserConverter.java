package dev.quarry.server.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified token into a Quarry user. The user named by the user claim ({@code sub} unless
 * {@code quarry.jwt.user-claim} says otherwise) is found, or created on its first request, so
 * tokens from the identity provider need no sign-up step and their jobs have an owner.
 *
 * <p>The token decides the role of its own request: {@link Role#ADMIN} when a {@code roles} or
 * {@code role} claim (a list, or a string of names separated by spaces or commas) contains
 * {@code admin} (any case), {@link Role#USER} otherwise. A user created from a token is stored with
 * that role; later tokens do not rewrite the stored role (it is what the user's API keys carry), so a
 * token without the admin role never gains admin rights from a same-named local admin account.
 */
final class JwtUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  private final UserStore users;
  private final String userClaim;

  JwtUserConverter(UserStore users, String userClaim) {
    this.users = users;
    this.userClaim = userClaim;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    // Presence and shape are checked by JwtVerification's validator before we get here.
    String name = jwt.getClaimAsString(userClaim);
    Role role = claimsAdmin(jwt) ? Role.ADMIN : Role.USER;
    QuarryUser stored = users.findOrCreateUser(name, role);
    return new QuarryAuthentication(new QuarryUser(stored.id(), stored.name(), role),
        QuarryAuthentication.Method.JWT);
  }

  static boolean claimsAdmin(Jwt jwt) {
    return Stream.of("roles", "role")
        .map(jwt.getClaims()::get)
        .flatMap(JwtUserConverter::names)
        .anyMatch("admin"::equalsIgnoreCase);
  }

  private static Stream<String> names(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().map(String::valueOf);
    }
    if (claim instanceof String s) {
      return Arrays.stream(s.split("[\\s,]+"));
    }
    return Stream.empty();
  }
}
