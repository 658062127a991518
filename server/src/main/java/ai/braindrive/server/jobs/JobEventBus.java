package ai.braindrive.server.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * In-memory fan-out of recorded job events to live listeners (SSE streams), per job. Events are published after
 * their transaction commits, so a listener can always find an event it was told about in the database.
 */
final class JobEventBus {
    private static final System.Logger LOG = System.getLogger(JobEventBus.class.getName());

    private final Map<String, Set<Consumer<JobEvent>>> listeners = new ConcurrentHashMap<>();

    /** A registration; closing it stops the deliveries. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    Subscription subscribe(String jobId, Consumer<JobEvent> listener) {
        listeners.compute(jobId, (id, set) -> {
            Set<Consumer<JobEvent>> target = set == null ? new CopyOnWriteArraySet<>() : set;
            target.add(listener);
            return target;
        });
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void publish(JobEvent event) {
        Set<Consumer<JobEvent>> set = listeners.get(event.jobId());
        if (set == null) {
            return;
        }
        for (Consumer<JobEvent> listener : set) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Job event listener failed", e);
            }
        }
    }
}
