/** Mergeable per-column statistics and the value classification they rest on. */
package dev.quarry.profile.stats;
