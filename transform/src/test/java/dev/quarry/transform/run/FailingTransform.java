package dev.quarry.transform.run;

import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.util.List;

/** A test transform that throws on the files whose names contain one of {@code fail_on}. */
public final class FailingTransform implements TransformSpec {

  @Override
  public String name() {
    return "fail_on";
  }

  @Override
  public String description() {
    return "throws on chosen files (tests)";
  }

  @Override
  public List<Param> params() {
    return List.of(Param.of("fail_on", ParamType.STRING_LIST, List.of(), "file name parts to fail on"));
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    List<String> failOn = params.list("fail_on");
    return (batch, file) -> {
      if (failOn.stream().anyMatch(file::contains)) {
        throw new IllegalStateException("refusing " + file);
      }
      return TransformResult.of(batch);
    };
  }
}
