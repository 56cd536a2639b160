package dev.demon.spring.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for one test class: a new cluster in a temporary folder,
 * listening on 127.0.0.1 at a free port, its unix socket in that folder, so it shares
 * nothing with a server the machine may run. Debian's {@code postgresql} package provides
 * the binaries ({@value TestPackages#INSTALL_SCRIPT} installs it). Tests of a class that
 * share the server keep apart in databases of their own ({@link #createDatabase()}).
 *
 * <p>
 * PostgreSQL refuses to run as root, and the tests run as root on CI: then the server
 * runs as the {@code postgres} user the package creates, in a folder that user owns. The
 * folder is not a JUnit {@code @TempDir}, whose parent is private to root.
 */
public final class LoopbackPostgres implements AutoCloseable {

    private final Path folder;

    private final int port;

    private final PostgresDatabase postgres;

    private final AtomicInteger databases = new AtomicInteger();

    private LoopbackPostgres(Path folder, int port) {
        this.folder = folder;
        this.port = port;
        this.postgres = database("postgres");
    }

    /**
     * Creates the cluster and starts its server; {@link #close()} stops it and deletes
     * the folder.
     */
    public static LoopbackPostgres start() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("loopback-postgres");
        LoopbackPostgres server = new LoopbackPostgres(folder, freePort());
        boolean started = false;
        try {
            if (runningAsRoot()) {
                run("chown", "postgres:", folder.toString());
            }
            server.runAsServerUser(binary("initdb"), "-D", server.dataDir(), "-U", "postgres", "--auth=trust",
                    "--locale=C.UTF-8", "--encoding=UTF8");
            server.startServer();
            started = true;
            return server;
        }
        finally {
            if (!started) {
                server.close();
            }
        }
    }

    /**
     * Starts the server of the cluster, again after {@link #stopServer()}: same port,
     * same data.
     */
    public void startServer() throws IOException, InterruptedException {
        runAsServerUser(binary("pg_ctl"), "-D", dataDir(), "-l", this.folder.resolve("server.log").toString(), "-w",
                "-o", "-p " + this.port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + this.folder,
                "start");
    }

    /**
     * Stops the server as an administrator restarting it would ({@code pg_ctl stop -m
     * fast}): open connections are cut, new ones refused until {@link #startServer()}.
     */
    public void stopServer() throws IOException, InterruptedException {
        runAsServerUser(binary("pg_ctl"), "-D", dataDir(), "-m", "fast", "-w", "stop");
    }

    /**
     * The URL of the {@code postgres} database, whose owner {@code postgres} needs no
     * password.
     */
    public String jdbcUrl() {
        return this.postgres.jdbcUrl();
    }

    /**
     * Every row of a query on the {@code postgres} database, each as its columns' values.
     */
    public List<List<Object>> query(String sql) throws SQLException {
        return this.postgres.query(sql);
    }

    /**
     * Runs a statement that returns no rows on the {@code postgres} database, on a
     * connection of its own.
     * @return the number of rows it changed
     */
    public int update(String sql) throws SQLException {
        return this.postgres.update(sql);
    }

    /**
     * Creates an empty database on this server, so that the tests of a class share one
     * server (a cluster takes seconds to create, a database a fraction of a second)
     * without sharing their JobRepository.
     * @return the new database, {@code test_N}
     */
    public PostgresDatabase createDatabase() throws SQLException {
        String name = "test_" + this.databases.incrementAndGet();
        update("CREATE DATABASE " + name);
        return database(name);
    }

    private PostgresDatabase database(String name) {
        return new PostgresDatabase("jdbc:postgresql://127.0.0.1:" + this.port + "/" + name);
    }

    /** Stops the server at once, as after a crash, and deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(Path.of(dataDir(), "postmaster.pid"))) {
                runAsServerUser(binary("pg_ctl"), "-D", dataDir(), "-m", "immediate", "-w", "stop");
            }
        }
        finally {
            try (Stream<Path> files = Files.walk(this.folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private String dataDir() {
        return this.folder.resolve("data").toString();
    }

    private void runAsServerUser(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        // A bound against a hung command only.
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /**
     * {@code name} on the PATH, or in the newest
     * {@code /usr/lib/postgresql/<version>/bin}, where Debian installs it.
     */
    private static String binary(String name) throws IOException {
        List<Path> debian = new ArrayList<>();
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                dirs.sorted(Comparator.reverseOrder())
                    .map(dir -> dir.resolve("bin").resolve(name))
                    .forEach(debian::add);
            }
        }
        return TestPackages.program(name, "postgresql", debian).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

}
