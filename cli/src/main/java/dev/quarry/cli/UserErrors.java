package dev.quarry.cli;

import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.jdbc.DatabaseAccessException;
import dev.quarry.core.storage.StorageException;
import dev.quarry.profile.ProfileException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr. Mistakes in the input (missing file, empty or unreadable
 * data, denied location) exit with 2; anything else is our fault and exits with 1, still in one line
 * unless QUARRY_DEBUG is set.
 */
final class UserErrors implements IExecutionExceptionHandler {

  static final int USER_ERROR = 2;
  static final int INTERNAL_ERROR = 1;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    boolean user = isUserError(t);
    cmd.getErr().println("quarry: " + message(t));
    if (!user && System.getenv("QUARRY_DEBUG") != null) {
      t.printStackTrace(cmd.getErr());
    }
    return user ? USER_ERROR : INTERNAL_ERROR;
  }

  static boolean isUserError(Throwable t) {
    return t instanceof ProfileException
        || t instanceof UnreadableInputException
        || t instanceof DatabaseAccessException
        || (t instanceof ServerClient.ServerException s && s.userError())
        || (t instanceof StorageException s && s.userError())
        || t instanceof NoSuchFileException
        || t instanceof FileNotFoundException
        || t instanceof IllegalArgumentException
        || t instanceof CommandLine.ParameterException;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }
}
