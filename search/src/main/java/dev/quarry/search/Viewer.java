package dev.quarry.search;

/**
 * Who is searching: an index entry is seen by everyone when it is public, and otherwise by its
 * owner and by viewers who see everything (admins, local indexes).
 *
 * <p>An entry's owner and visibility are in its metadata ({@link #OWNER}, {@link #VISIBILITY}); an
 * entry without an owner is public.
 */
public record Viewer(String userId, boolean seesAll) {

  public static final String OWNER = "owner";
  public static final String VISIBILITY = "visibility";
  public static final String PUBLIC = "public";
  public static final String PRIVATE = "private";

  /** Sees every entry. */
  public static final Viewer ALL = new Viewer(null, true);

  public static Viewer user(String userId, boolean admin) {
    return new Viewer(userId, admin);
  }

  /** The value an entry is indexed under for visibility: {@code *} (public) or its owner's id. */
  static String audience(DatasetEntry e) {
    String owner = e.metadata().get(OWNER);
    return owner == null || !PRIVATE.equals(e.metadata().get(VISIBILITY)) ? "*" : owner;
  }

  public boolean canSee(DatasetEntry e) {
    String a = audience(e);
    return seesAll || a.equals("*") || a.equals(userId);
  }
}
