package dev.quarry.profile;

/** A dataset's profile: always the light part, the heavy part unless only a light one was asked. */
public record Profile(LightProfile light, HeavyProfile heavy) {

  public boolean isLightOnly() {
    return heavy == null;
  }
}
