package dev.quarry.core.storage;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What an IP address reaches, for server-side request forgery rules: some kinds are never
 * fetched (cloud metadata, link-local, wildcard, multicast), some only when an operator named the
 * host explicitly (loopback, private networks), the rest are public.
 */
enum AddressKind {
  PUBLIC(false, false),
  LOOPBACK(false, true),
  PRIVATE(false, true),
  LINK_LOCAL(true, false),
  CLOUD_METADATA(true, false),
  ANY_LOCAL(true, false),
  MULTICAST(true, false);

  private final boolean alwaysDenied;
  private final boolean needsExplicitHost;

  AddressKind(boolean alwaysDenied, boolean needsExplicitHost) {
    this.alwaysDenied = alwaysDenied;
    this.needsExplicitHost = needsExplicitHost;
  }

  /** Never reachable, whatever the allow-list says. */
  boolean alwaysDenied() {
    return alwaysDenied;
  }

  /** Reachable only when the host is named in the allow-list. */
  boolean needsExplicitHost() {
    return needsExplicitHost;
  }

  static AddressKind of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isIpv4Embedded(b)) {
      // ::ffff:a.b.c.d and ::a.b.c.d reach the IPv4 host: judge that host, not the wrapper.
      byte[] v4 = {b[12], b[13], b[14], b[15]};
      try {
        return of(InetAddress.getByAddress(v4));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e); // cannot happen for 4 bytes
      }
    }
    if (isCloudMetadata(b)) {
      return CLOUD_METADATA;
    }
    if (address.isAnyLocalAddress() || (address instanceof Inet4Address && b[0] == 0)) {
      return ANY_LOCAL; // 0.0.0.0/8 reaches this host on Linux
    }
    if (address.isMulticastAddress()) {
      return MULTICAST;
    }
    if (address.isLinkLocalAddress()) {
      return LINK_LOCAL;
    }
    if (address.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (address.isSiteLocalAddress() || isUniqueLocalV6(address, b) || isCarrierGradeNat(address, b)) {
      return PRIVATE;
    }
    return PUBLIC;
  }

  private static boolean isCloudMetadata(byte[] b) {
    if (b.length == 4) {
      return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
    }
    // fd00:ec2::254, the AWS IMDS IPv6 endpoint
    byte[] imds = {(byte) 0xfd, 0, (byte) 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    return java.util.Arrays.equals(b, imds);
  }

  private static boolean isIpv4Embedded(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
    return mapped || compatible;
  }

  /** fc00::/7 (RFC 4193), which Java's isSiteLocalAddress (fec0::/10) does not cover. */
  private static boolean isUniqueLocalV6(InetAddress address, byte[] b) {
    return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
  }

  /** 100.64.0.0/10 (RFC 6598): not public, and where some clouds put their metadata services. */
  private static boolean isCarrierGradeNat(InetAddress address, byte[] b) {
    return address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }
}
