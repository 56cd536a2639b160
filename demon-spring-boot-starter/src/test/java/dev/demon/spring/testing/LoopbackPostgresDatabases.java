package dev.demon.spring.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LoopbackPostgres} server for a test class, started before its first test and
 * stopped after its last, and an empty database of its own for each test: a cluster takes
 * seconds to create, a database a fraction of one. Registered as a static field:
 * {@code @RegisterExtension static final LoopbackPostgresDatabases postgres = new LoopbackPostgresDatabases();}
 */
public final class LoopbackPostgresDatabases implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private LoopbackPostgres server;

    private PostgresDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        this.server = LoopbackPostgres.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        this.database = this.server.createDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // None when it failed to start: that failure is the one to see.
        if (this.server != null) {
            this.server.close();
        }
    }

    /** The database of the test running now. */
    public PostgresDatabase database() {
        return this.database;
    }

}
