package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;

/** What a format's partition step gets: the object (to find boundaries) and its metadata. */
public record PartitionJob(FileIO io, InputFile object, MetaStore meta) {}
