package dev.quarry.core.storage;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK failures into {@link StorageException}s that say what a user can do about them. */
final class S3Errors {

  private S3Errors() {}

  static boolean isNotFound(SdkException e) {
    return e instanceof NoSuchKeyException
        || e instanceof NoSuchBucketException
        || (e instanceof SdkServiceException s && s.statusCode() == 404);
  }

  static StorageException translate(Location location, String action, SdkException e) {
    if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(errorCode(e))) {
      return new StorageException(location, "no such bucket '" + location.authority() + "'", true, e);
    }
    if (isNotFound(e)) {
      // HEAD has no body, so a missing bucket and a missing key look alike there.
      return new StorageException(location, "no such object (" + action + ")", true, e);
    }
    if (e instanceof SdkServiceException s) {
      int status = s.statusCode();
      if (status == 403) {
        return new StorageException(location, "the store refused access (" + action + ", HTTP 403)", true, e);
      }
      if (status == 412) {
        return new StorageException(location, "the object changed since it was opened; open it again", true, e);
      }
      String code = errorCode(e);
      return new StorageException(
          location, action + " failed: HTTP " + status + (code == null ? "" : " " + code), status < 500, e);
    }
    return new StorageException(location, action + " failed: " + e.getMessage(), false, e);
  }

  private static String errorCode(SdkException e) {
    if (e instanceof S3Exception s && s.awsErrorDetails() != null) {
      return s.awsErrorDetails().errorCode();
    }
    return null;
  }

  /** S3 ETags arrive in quotes; the quotes are HTTP syntax, not part of the tag. */
  static String unquote(String etag) {
    if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag.substring(1, etag.length() - 1);
    }
    return etag;
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }
}
