/** Serializable slices of big objects for parallel range reads. */
package dev.quarry.slice;
