package dev.quarry.synth.write;

/**
 * Which part of one logical output a writer produces. Shards of rows are written independently and
 * their bytes concatenated in shard order; the result must be byte-identical to one writer writing
 * every row. So only the first fragment writes the prologue (CSV header, JSON "[", XML root start,
 * SQL CREATE TABLE), only the last the epilogue, and separators between rows account for rows in
 * earlier fragments (a non-first JSON fragment begins its first row with ",").
 *
 * @param firstRow index of this fragment's first row in the whole output (SQL batches align on it)
 */
public record Fragment(boolean first, boolean last, long firstRow) {

  public static final Fragment WHOLE = new Fragment(true, true, 0);
}
