package dev.quarry.server.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.model.DatasetSpec;

/**
 * What a profile job is asked to do, stored as the job's spec: the seed profiler's request body.
 * It names data only by {@code dataset_id} or {@code database_name}; where those resolve (and any
 * database credentials) comes from configuration when the job runs.
 */
public record ProfileJobSpec(
    @JsonProperty("profile_specification") DatasetSpec specification,
    @JsonProperty("only_light_profile") boolean onlyLightProfile) {

  public DatasetSpec.DataConnector connector() {
    return specification.dataConnectors().get(0);
  }
}
