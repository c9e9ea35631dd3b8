package dev.quarry.profile;

import java.util.Map;

/** A text or PDF document's profile. {@code language} is an ISO 639-1 code, or null if unknown. */
public record DocumentProfile(
    String fileId,
    int pages,
    long characters,
    long words,
    long lines,
    String language,
    Map<String, String> metadata) {}
