package dev.quarry.slice.lines;

import java.io.Serializable;

/**
 * The result of scanning bytes {@code [start, end)} without knowing the parser state at {@code
 * start}: one {@link Branch} per possible start state, and the state each one leads to at {@code
 * end}. Chained in order from the known state at the data start, the summaries give the exact
 * record starts of the whole object, though every chunk was scanned independently.
 */
record ChunkSummary(long start, long end, Branch[] branches, int[] next) implements Serializable {}
