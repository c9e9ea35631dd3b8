package dev.quarry.synth.schema;

import java.io.Serializable;

/**
 * What every field kind accepts besides its own settings.
 *
 * @param nulls probability in [0, 1] that a row's value is null
 * @param unique whether values must be distinct over the whole table, however it is sharded
 */
public record FieldOptions(double nulls, boolean unique) implements Serializable {

  public static final FieldOptions NONE = new FieldOptions(0, false);
}
