package dev.quarry.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a user says about a dataset, with the field names of the seed profiler's
 * {@code profile_specification}. Every field is optional; the profiler fills in what it can.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(
    String id,
    String name,
    String description,
    String headline,
    @JsonProperty("cite_as") String citeAs,
    String license,
    @JsonProperty("published_url") String publishedUrl,
    List<String> keywords,
    @JsonProperty("fields_of_science") List<String> fieldsOfScience,
    List<String> languages,
    String country,
    @JsonProperty("date_published") String datePublished,
    @JsonProperty("uploaded_by") String uploadedBy,
    @JsonProperty("data_connectors") List<DataConnector> dataConnectors) {

  public DatasetSpec {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    fieldsOfScience = fieldsOfScience == null ? List.of() : List.copyOf(fieldsOfScience);
    languages = languages == null ? List.of() : List.copyOf(languages);
    dataConnectors = dataConnectors == null ? List.of() : List.copyOf(dataConnectors);
  }

  public static DatasetSpec named(String name) {
    return new DatasetSpec(null, name, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Where the data is: {@code RawDataPath} with a {@code dataset_id} (a folder under the data root),
   * or {@code DatabaseConnection} with a {@code database_name}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DataConnector(
      String type,
      @JsonProperty("dataset_id") String datasetId,
      @JsonProperty("database_name") String databaseName) {}
}
