package dev.quarry.server.profiles;

import dev.quarry.profile.Profile;
import dev.quarry.server.jobs.Job;

/**
 * Told by the profile job when a heavy profile is ready, and when a profile job fails for good: the
 * catalog's hook (it indexes the dataset, or records why it could not).
 */
public interface HeavyProfileListener {

  /**
   * Called inside the job once the heavy profile is stored. Throwing fails this attempt (it is
   * retried).
   *
   * @param location what the job read (for database connections: a URL that may hold credentials,
   *     never to be stored)
   * @return the catalog entry as JSON, served as the seed's {@code cdd_profile}, or null
   */
  String heavyProfileReady(Job job, String location, Profile profile) throws Exception;

  /** The job failed in a way no retry will fix. */
  void profileFailed(Job job, String error);
}
