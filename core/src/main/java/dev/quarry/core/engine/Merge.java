package dev.quarry.core.engine;

import java.io.Serializable;
import java.util.function.BinaryOperator;

/**
 * An associative combination of two task results (sketch union, counter sums). Engines merge in any
 * grouping (a tree on Spark), so {@code merge(a, merge(b, c))} must equal
 * {@code merge(merge(a, b), c)}. It may mutate and return its first argument.
 */
@FunctionalInterface
public interface Merge<R> extends BinaryOperator<R>, Serializable {}
