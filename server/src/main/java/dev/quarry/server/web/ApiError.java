package dev.quarry.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The JSON body of every error response. {@code detail} carries the human message, as the seed
 * profiler's (FastAPI) errors do, so its clients read errors unchanged.
 *
 * @param field the request field at fault, when one is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String detail, String field, String path,
    Instant timestamp) {}
