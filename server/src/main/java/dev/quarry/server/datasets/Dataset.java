package dev.quarry.server.datasets;

import dev.quarry.core.model.DatasetSpec;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A registered dataset: what its owner says about it and where its data is (its connectors). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Dataset(String id, String ownerId, String name, DatasetSpec spec, Instant createdAt,
    Instant updatedAt) {}
