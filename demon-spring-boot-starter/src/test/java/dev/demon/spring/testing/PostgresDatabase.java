package dev.demon.spring.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One database of a {@link LoopbackPostgres} server, whose owner {@code postgres} needs
 * no password.
 */
public final class PostgresDatabase {

    private final String jdbcUrl;

    PostgresDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The database's URL, for the user {@code postgres} without a password. */
    public String jdbcUrl() {
        return this.jdbcUrl;
    }

    /** Every row of a query, each as its columns' values in order. */
    public List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(rows.getObject(column));
                }
                result.add(row);
            }
            return result;
        }
    }

    /**
     * Runs a statement that returns no rows, on a connection of its own.
     * @return the number of rows it changed
     */
    public int update(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(this.jdbcUrl, "postgres", "");
    }

}
