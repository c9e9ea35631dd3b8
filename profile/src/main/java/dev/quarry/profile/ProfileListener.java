package dev.quarry.profile;

/** Told about a profile's progress; the CLI draws a bar from it, the service stores it in the job. */
public interface ProfileListener {

  ProfileListener NONE = new ProfileListener() {};

  /** A stage began: {@code light} or {@code heavy}, with the number of units it will do. */
  default void stage(String stage, int units) {}

  /** Units of the current stage done so far (and failed). */
  default void progress(int done, int failed, int total) {}

  /** The light profile is ready (before the heavy one starts). */
  default void lightReady(LightProfile light) {}
}
