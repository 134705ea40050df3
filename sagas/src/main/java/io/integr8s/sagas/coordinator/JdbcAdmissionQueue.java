package io.integr8s.sagas.coordinator;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps the queue in the same database (and transaction) as the coordinator's tracking token, so an event and
 * the queue change it causes commit together.
 */
public class JdbcAdmissionQueue implements AdmissionQueue {

    private static final String WAITING = "waiting";
    private static final String ADMITTED = "admitted";

    private final JdbcTemplate jdbc;

    public JdbcAdmissionQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void createSchema() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS coordinator_queue (
                    execution_id VARCHAR(64) PRIMARY KEY,
                    owner_id VARCHAR(255) NOT NULL,
                    priority_rank INT NOT NULL,
                    arrival BIGSERIAL NOT NULL,
                    state VARCHAR(16) NOT NULL
                )""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS coordinator_queue_order ON coordinator_queue (state, priority_rank DESC, arrival)");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS coordinator_capacity (
                    id SMALLINT PRIMARY KEY CHECK (id = 1),
                    slots INT NOT NULL
                )""");
    }

    @Override
    public void enqueue(String executionId, String ownerId, int priorityRank) {
        jdbc.update("""
                INSERT INTO coordinator_queue (execution_id, owner_id, priority_rank, state) VALUES (?, ?, ?, ?)
                ON CONFLICT (execution_id) DO NOTHING""", executionId, ownerId, priorityRank, WAITING);
    }

    @Override
    public Optional<String> nextWaiting() {
        return jdbc.queryForList("""
                SELECT execution_id FROM coordinator_queue WHERE state = ?
                ORDER BY priority_rank DESC, arrival LIMIT 1""", String.class, WAITING).stream().findFirst();
    }

    @Override
    public void reprioritize(String executionId, int priorityRank) {
        jdbc.update("UPDATE coordinator_queue SET priority_rank = ? WHERE execution_id = ? AND state = ?",
                priorityRank, executionId, WAITING);
    }

    @Override
    public void markAdmitted(String executionId) {
        jdbc.update("UPDATE coordinator_queue SET state = ? WHERE execution_id = ?", ADMITTED, executionId);
    }

    @Override
    public void remove(String executionId) {
        jdbc.update("DELETE FROM coordinator_queue WHERE execution_id = ?", executionId);
    }

    @Override
    public int admittedCount() {
        return count(ADMITTED);
    }

    @Override
    public int waitingCount() {
        return count(WAITING);
    }

    @Override
    public AdmissionCounts counts() {
        Map<Integer, Integer> waiting = new HashMap<>();
        Map<Integer, Integer> admitted = new HashMap<>();
        jdbc.query("SELECT state, priority_rank, COUNT(*) AS n FROM coordinator_queue GROUP BY state, priority_rank",
                row -> {
                    (WAITING.equals(row.getString("state")) ? waiting : admitted)
                            .put(row.getInt("priority_rank"), row.getInt("n"));
                });
        return new AdmissionCounts(waiting, admitted);
    }

    @Override
    public OptionalInt capacity() {
        return jdbc.queryForList("SELECT slots FROM coordinator_capacity WHERE id = 1", Integer.class).stream()
                .mapToInt(Integer::intValue).findFirst();
    }

    @Override
    public void setCapacity(int slots) {
        jdbc.update("""
                INSERT INTO coordinator_capacity (id, slots) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET slots = EXCLUDED.slots""", slots);
    }

    private int count(String state) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM coordinator_queue WHERE state = ?", Integer.class, state);
        return count == null ? 0 : count;
    }
}
