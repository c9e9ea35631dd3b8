package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.Schema;

/**
 * Where a sheet's table sits: the 0-based row number of its header (-1 for an empty sheet) and the
 * columns that follow from the header and the cells under it.
 */
record SheetLayout(int headerRow, Schema schema) {}
