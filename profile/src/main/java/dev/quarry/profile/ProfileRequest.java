package dev.quarry.profile;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.profile.heavy.HeavyProfiler;

/**
 * What to profile and how.
 *
 * @param location a local path, {@code file:}, {@code s3://}, {@code http(s)://} location, or a
 *     {@code jdbc:} URL for a database
 * @param spec what the user says about the dataset (name, license, ...); may be empty
 * @param lightOnly stop after the light profile (files, sizes, checksums, formats)
 * @param split when and how to split big files across workers
 */
public record ProfileRequest(
    String location, DatasetSpec spec, boolean lightOnly, HeavyProfiler.Options split) {

  public ProfileRequest {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("a location to profile is required");
    }
    spec = spec == null ? DatasetSpec.named(null) : spec;
    split = split == null ? HeavyProfiler.Options.defaults() : split;
  }

  public static ProfileRequest of(String location) {
    return new ProfileRequest(location, null, false, null);
  }

  public ProfileRequest withSpec(DatasetSpec s) {
    return new ProfileRequest(location, s, lightOnly, split);
  }

  public ProfileRequest withLightOnly(boolean light) {
    return new ProfileRequest(location, spec, light, split);
  }

  public ProfileRequest withSplit(HeavyProfiler.Options options) {
    return new ProfileRequest(location, spec, lightOnly, options);
  }
}
