package dev.quarry.slice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Slices and indexes as JSON (byte arrays as base64). */
public final class SliceJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SliceJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static void writeSlices(List<Slice> slices, OutputStream out) throws IOException {
    try {
      MAPPER.writeValue(out, slices);
    } catch (JacksonException e) {
      throw new IOException("cannot write slices: " + e.getOriginalMessage(), e);
    }
  }

  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new UncheckedIOException(new IOException(e.getOriginalMessage(), e));
    }
  }

  /** Reads a slices file written by {@link #writeSlices}; {@code name} is used in errors. */
  public static List<Slice> readSlices(InputStream in, String name) throws IOException {
    try {
      return MAPPER.readValue(in, new TypeReference<List<Slice>>() {});
    } catch (JacksonException e) {
      throw new SliceException(name + " is not a slices file: " + e.getOriginalMessage(), e);
    }
  }

  public static SliceIndex readIndex(InputStream in, String name) throws IOException {
    try {
      return MAPPER.readValue(in, SliceIndex.class);
    } catch (JacksonException e) {
      throw new SliceException(name + " is not a slice index: " + e.getOriginalMessage(), e);
    }
  }
}
