package dev.quarry.profile.heavy;

import dev.quarry.core.formats.Format;
import java.io.Serializable;

/**
 * Names one table of one file: the FileObject {@code @id} and, for files holding several tables
 * (sheets, JSON collections), the table's name.
 *
 * @param table the table name inside the file, or null for single-table files
 * @param jsonRecordsPath for JSON, the path of the records from the document root ({@code $[*]})
 */
record TableKey(String fileId, String table, Format format, String jsonRecordsPath)
    implements Serializable {}
