package dev.quarry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command. */
@Command(
    name = "quarry",
    mixinStandardHelpOptions = true,
    versionProvider = QuarryCli.Version.class,
    description = "Profile, transform, search, synthesize and slice datasets.",
    subcommands = {ProfileCommand.class, CommandLine.HelpCommand.class})
public final class QuarryCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new QuarryCli());
    cli.setExecutionExceptionHandler(new UserErrors());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("quarry: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try 'quarry " + ex.getCommandLine().getCommandName()
          .replace("quarry", "").trim() + " --help'.".replace("  ", " "));
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
