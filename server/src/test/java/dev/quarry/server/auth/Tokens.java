package dev.quarry.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Signs test JWTs the way an identity provider would. */
final class Tokens {

  private Tokens() {}

  /** Claims valid for {@link AuthServerTest}'s configuration, for {@code subject}. */
  static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(AuthServerTest.ISSUER)
        .claim("client_id", AuthServerTest.CLIENT_ID)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
  }

  static String hs256(String secret, JWTClaimsSet claims) {
    try {
      return sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hs256(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
    return hs256(AuthServerTest.SECRET, change.apply(claims(subject)).build());
  }

  static String rs256(KeyPair keys, JWTClaimsSet claims) {
    return sign(new RSASSASigner(keys.getPrivate()), JWSAlgorithm.RS256, claims);
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as a PEM {@code SubjectPublicKeyInfo}, as {@code openssl rsa -pubout} writes it. */
  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
