/** Dataset catalog, keyword/time/place, join and union discovery. */
package dev.quarry.search;
