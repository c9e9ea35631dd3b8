package dev.quarry.core.engine;

import java.io.Serializable;

/** A task that failed on its last attempt; reported once however many attempts it took. */
public record TaskFailure(int taskIndex, String task, int attempts, String error)
    implements Serializable {}
