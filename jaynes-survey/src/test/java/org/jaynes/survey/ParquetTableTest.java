package org.jaynes.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our Parquet files, read back by DuckDB: a reader written by others, to the same specification. */
class ParquetTableTest {

    private static final List<SurveyColumns.Column> COLUMNS = List.of(
            new SurveyColumns.Column("name", SurveyColumns.Type.TEXT, ""),
            new SurveyColumns.Column("n", SurveyColumns.Type.INTEGER, ""),
            new SurveyColumns.Column("sigma", SurveyColumns.Type.REAL, ""));

    /** Row i: a name with a comma, a quote and non-ASCII text; n = i² − 7 (null every 5th); sigma = 1/(i+1) (null every 7th). */
    private static List<String> row(int i) {
        return List.of(i % 11 == 0 ? "" : "layer \"" + i + "\", σ−μ", i % 5 == 0 ? "" : Long.toString((long) i * i - 7),
                i % 7 == 0 ? "" : Double.toString(1.0 / (i + 1)));
    }

    private static Path write(Path file, int rows) throws Exception {
        try (OutputStream out = Files.newOutputStream(file);
             ParquetTable table = new ParquetTable(out, COLUMNS, "jaynes test")) {
            for (int i = 0; i < rows; i++) {
                table.add(row(i));
            }
        }
        return file;
    }

    private static ResultSet query(Connection duck, String sql) throws SQLException {
        Statement statement = duck.createStatement();
        return statement.executeQuery(sql);
    }

    @Test
    void duckDbReadsEveryValueNullAndTypeBackAcrossRowGroups(@TempDir Path dir) throws Exception {
        int rows = 2 * ParquetTable.ROWS_PER_GROUP + 123;
        Path file = write(dir.resolve("t.parquet"), rows);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            List<String> types = new ArrayList<>();
            try (ResultSet r = query(duck, "DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
                while (r.next()) {
                    types.add(r.getString("column_name") + " " + r.getString("column_type"));
                }
            }
            assertEquals(List.of("name VARCHAR", "n BIGINT", "sigma DOUBLE"), types);
            try (ResultSet r = query(duck, "SELECT * FROM read_parquet('" + file + "')")) {
                int i = 0;
                while (r.next()) {
                    List<String> expected = row(i);
                    assertEquals(expected.get(0).isEmpty() ? null : expected.get(0), r.getString(1), "row " + i);
                    Object n = r.getObject(2);
                    assertEquals(expected.get(1).isEmpty() ? null : Long.valueOf(expected.get(1)), n, "row " + i);
                    Object sigma = r.getObject(3);
                    assertEquals(expected.get(2).isEmpty() ? null : Double.valueOf(expected.get(2)), sigma, "row " + i);
                    i++;
                }
                assertEquals(rows, i);
            }
            try (ResultSet r = query(duck, "SELECT count(*) FROM parquet_metadata('" + file + "') WHERE column_id = 0")) {
                r.next();
                assertEquals(3, r.getLong(1)); // three row groups
            }
        }
    }

    @Test
    void anEmptyTableIsAValidFile(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("empty.parquet"), 0);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet r = query(duck, "SELECT count(*), max(sigma) FROM read_parquet('" + file + "')")) {
            r.next();
            assertEquals(0, r.getLong(1));
            assertNull(r.getObject(2));
        }
    }
}
