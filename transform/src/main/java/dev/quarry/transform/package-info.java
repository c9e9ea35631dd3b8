/** Data-prep-kit style pipelines. */
package dev.quarry.transform;
