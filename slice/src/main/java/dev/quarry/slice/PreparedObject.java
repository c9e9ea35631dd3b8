package dev.quarry.slice;

/** A preprocessed object: its index and its sampled record offsets (empty for Parquet). */
public record PreparedObject(SliceIndex index, Anchors anchors) {}
