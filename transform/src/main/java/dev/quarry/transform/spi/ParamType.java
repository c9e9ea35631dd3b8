package dev.quarry.transform.spi;

/** The type of a transform parameter; lists are given as JSON arrays on the command line. */
public enum ParamType {
  STRING,
  INT,
  FLOAT,
  BOOLEAN,
  STRING_LIST
}
