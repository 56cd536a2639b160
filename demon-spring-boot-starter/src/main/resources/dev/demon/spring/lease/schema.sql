-- Spring Integration's INT_LOCK table (schema-*.sql in spring-integration-jdbc) under the prefix DEMON_,
-- with a CLIENT_ID wide enough for a readable holder ("<host> pid <pid> since <instant>") instead of
-- CHAR(36). IF NOT EXISTS, understood by H2 and PostgreSQL, makes it safe to run at every start.
CREATE TABLE IF NOT EXISTS DEMON_LOCK (
	LOCK_KEY CHAR(36) NOT NULL,
	REGION VARCHAR(100) NOT NULL,
	CLIENT_ID VARCHAR(255),
	CREATED_DATE TIMESTAMP NOT NULL,
	EXPIRED_AFTER TIMESTAMP NOT NULL,
	CONSTRAINT DEMON_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- The fencing token of each job's lease: GENERATION grows by one with every process that takes the lease, and
-- outlives the lock row, which is deleted when a holder lets go. CLIENT_ID names the latest holder.
CREATE TABLE IF NOT EXISTS DEMON_LEASE (
	LOCK_KEY CHAR(36) NOT NULL,
	REGION VARCHAR(100) NOT NULL,
	GENERATION BIGINT NOT NULL,
	CLIENT_ID VARCHAR(255) NOT NULL,
	CONSTRAINT DEMON_LEASE_PK PRIMARY KEY (LOCK_KEY, REGION)
);
