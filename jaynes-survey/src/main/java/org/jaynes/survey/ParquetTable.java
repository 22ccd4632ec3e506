package org.jaynes.survey;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a table as an Apache Parquet file that pandas, polars, DuckDB and Spark read: every column
 * optional (an empty text value is null), strings as UTF-8 byte arrays, integers as INT64, reals as
 * DOUBLE; uncompressed, PLAIN values, definition levels in the RLE/bit-packed hybrid, one data page (v1)
 * per column per row group of at most {@value #ROWS_PER_GROUP} rows, so memory holds one row group.
 * The layout follows the Parquet format specification: {@code PAR1}, the row groups' column chunks, the
 * file metadata in the Thrift compact protocol ({@link ThriftCompact}), its length, {@code PAR1}.
 */
final class ParquetTable implements Closeable {

    static final int ROWS_PER_GROUP = 8192;

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int TYPE_INT64 = 2;
    private static final int TYPE_DOUBLE = 5;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int OPTIONAL = 1;
    private static final int CONVERTED_UTF8 = 0;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int DATA_PAGE = 0;
    private static final int UNCOMPRESSED = 0;

    /** Where a column chunk of a row group landed in the file. */
    private record Chunk(long offset, long size, int values) {
    }

    private record RowGroup(List<Chunk> chunks, int rows) {
    }

    private final OutputStream out;
    private final List<SurveyColumns.Column> columns;
    private final String createdBy;
    private final ColumnBuffer[] buffers;
    private final List<RowGroup> groups = new ArrayList<>();
    private long position;
    private long rows;
    private int groupRows;

    ParquetTable(OutputStream out, List<SurveyColumns.Column> columns, String createdBy) throws IOException {
        this.out = out;
        this.columns = List.copyOf(columns);
        this.createdBy = createdBy;
        buffers = new ColumnBuffer[columns.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new ColumnBuffer(columns.get(i).type());
        }
        write(MAGIC);
    }

    /** Adds one row of text values in column order; an empty value is null. */
    void add(List<String> row) throws IOException {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException(row.size() + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < buffers.length; i++) {
            buffers[i].add(row.get(i));
        }
        rows++;
        if (++groupRows == ROWS_PER_GROUP) {
            flushGroup();
        }
    }

    @Override
    public void close() throws IOException {
        if (groupRows > 0) {
            flushGroup();
        }
        byte[] footer = footer();
        write(footer);
        write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
        write(MAGIC);
        out.flush();
    }

    private void flushGroup() throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        for (ColumnBuffer buffer : buffers) {
            byte[] page = buffer.page(groupRows);
            byte[] header = new ThriftCompact().i32(1, DATA_PAGE).i32(2, page.length).i32(3, page.length)
                    .struct(5).i32(1, groupRows).i32(2, ENCODING_PLAIN).i32(3, ENCODING_RLE).i32(4, ENCODING_RLE).end()
                    .end().toByteArray();
            chunks.add(new Chunk(position, header.length + page.length, groupRows));
            write(header);
            write(page);
            buffer.clear();
        }
        groups.add(new RowGroup(chunks, groupRows));
        groupRows = 0;
    }

    private byte[] footer() {
        ThriftCompact meta = new ThriftCompact().i32(1, 1);
        meta.list(2, ThriftCompact.STRUCT, columns.size() + 1);
        meta.element().string(4, "schema").i32(5, columns.size()).end();
        for (SurveyColumns.Column column : columns) {
            meta.element().i32(1, physicalType(column.type())).i32(3, OPTIONAL).string(4, column.name());
            if (column.type() == SurveyColumns.Type.TEXT) {
                meta.i32(6, CONVERTED_UTF8).struct(10).struct(1).end().end();
            }
            meta.end();
        }
        meta.i64(3, rows);
        meta.list(4, ThriftCompact.STRUCT, groups.size());
        for (RowGroup group : groups) {
            meta.element().list(1, ThriftCompact.STRUCT, columns.size());
            long total = 0;
            for (int i = 0; i < columns.size(); i++) {
                Chunk chunk = group.chunks().get(i);
                total += chunk.size();
                meta.element().i64(2, chunk.offset()).struct(3)
                        .i32(1, physicalType(columns.get(i).type()))
                        .list(2, ThriftCompact.I32, 2).elementI32(ENCODING_PLAIN).elementI32(ENCODING_RLE)
                        .list(3, ThriftCompact.BINARY, 1).elementString(columns.get(i).name())
                        .i32(4, UNCOMPRESSED).i64(5, chunk.values()).i64(6, chunk.size()).i64(7, chunk.size())
                        .i64(9, chunk.offset()).end().end();
            }
            meta.i64(2, total).i64(3, group.rows()).end();
        }
        meta.string(6, createdBy);
        meta.end();
        return meta.toByteArray();
    }

    private static int physicalType(SurveyColumns.Type type) {
        return switch (type) {
            case TEXT -> TYPE_BYTE_ARRAY;
            case INTEGER -> TYPE_INT64;
            case REAL -> TYPE_DOUBLE;
        };
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        position += bytes.length;
    }

    /** One column's values of the current row group: PLAIN bytes of the non-null values and a level per row. */
    private static final class ColumnBuffer {

        private final SurveyColumns.Type type;
        private final ByteArrayOutputStream values = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        private boolean[] present = new boolean[64];
        private int size;

        ColumnBuffer(SurveyColumns.Type type) {
            this.type = type;
        }

        void add(String text) {
            if (size == present.length) {
                present = Arrays.copyOf(present, 2 * size);
            }
            boolean isPresent = !text.isEmpty();
            present[size++] = isPresent;
            if (!isPresent) {
                return;
            }
            scratch.clear();
            switch (type) {
                case TEXT -> {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    values.write(scratch.putInt(utf8.length).array(), 0, 4);
                    values.write(utf8, 0, utf8.length);
                }
                case INTEGER -> values.write(scratch.putLong(Long.parseLong(text)).array(), 0, 8);
                case REAL -> values.write(scratch.putDouble(Double.parseDouble(text)).array(), 0, 8);
            }
        }

        /** The data page: the definition levels (4-byte length, then RLE runs of bit width 1), then the values. */
        byte[] page(int rows) {
            ByteArrayOutputStream levels = new ByteArrayOutputStream();
            for (int start = 0; start < rows; ) {
                int end = start;
                while (end < rows && present[end] == present[start]) {
                    end++;
                }
                ThriftCompact.varint(levels, (long) (end - start) << 1);
                levels.write(present[start] ? 1 : 0);
                start = end;
            }
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            page.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(levels.size()).array(), 0, 4);
            page.write(levels.toByteArray(), 0, levels.size());
            page.write(values.toByteArray(), 0, values.size());
            return page.toByteArray();
        }

        void clear() {
            values.reset();
            size = 0;
        }
    }
}
