package dev.quarry.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command. */
@Command(
    name = "quarry",
    mixinStandardHelpOptions = true,
    versionProvider = QuarryCli.Version.class,
    description = "Profile, transform, search, synthesize and slice datasets.",
    subcommands = {ProfileCommand.class, TransformCommand.class, SynthCommand.class, SliceCommand.class,
      SearchCommand.class, AugmentCommand.class, JobsCommand.class, CommandLine.HelpCommand.class})
public final class QuarryCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI on the process's stdout and stderr and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI writing to the given streams (tests use this) and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new QuarryCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new UserErrors());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("quarry: " + ex.getMessage());
      // the qualified name, so a nested command (quarry slice partition) is named in full
      ex.getCommandLine().getErr().println(
          "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return 2;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = QuarryCli.class.getPackage().getImplementationVersion();
      return new String[] {"quarry " + (v == null ? "dev" : v)};
    }
  }
}
