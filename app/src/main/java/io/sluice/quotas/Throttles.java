package io.sluice.quotas;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * The vendors' rate limits, as Bucket4j token buckets under an opaque key (today a destination's name, a Slack
 * channel, an HTTP sync): in memory for one instance, or in the state store, where every instance sharing it
 * takes its calls from the same bucket.
 *
 * <p>A limit of {@code calls} per {@code window} is paced as one call every {@code window / calls}, with no
 * burst: vendors count their windows rolling (any {@code window} holds at most {@code calls}), and a bucket
 * holding more than one call would let a full bucket's burst and the refill after it land in one such window.
 */
public final class Throttles {

    private final BiFunction<String, BucketConfiguration, Bucket> bucketSource;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private Throttles(BiFunction<String, BucketConfiguration, Bucket> bucketSource) {
        this.bucketSource = bucketSource;
    }

    /** Each instance paces its own calls. */
    public static Throttles inMemory() {
        return new Throttles((pace, configuration) -> {
            var builder = Bucket.builder();
            for (Bandwidth bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        });
    }

    /** Every instance reaching {@code store} paces its calls from the same buckets. */
    static Throttles shared(ProxyManager<String> store) {
        return new Throttles((pace, configuration) -> store.builder().build(pace, () -> configuration));
    }

    /**
     * Waits until one more call under {@code key} keeps to {@code calls} per {@code window}, for every instance
     * sharing the buckets together. Callers waiting at once go in turn.
     */
    public void pace(String key, int calls, Duration window) {
        // the pace is part of the bucket's name: a limit changed while Sluice runs starts a bucket of its own
        // rather than one instance reconfiguring the bucket another still uses at the old pace
        String pace = key + "|" + calls + "/" + window.toMillis() + "ms";
        Bucket bucket = buckets.computeIfAbsent(pace, name -> bucketSource.apply(name, oneCallEvery(calls, window)));
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for " + key + "'s rate limit", e);
        }
    }

    private static BucketConfiguration oneCallEvery(int calls, Duration window) {
        // rounded up: a pace a nanosecond too quick would let calls + 1 into a window now and then
        long spacing = (window.toNanos() + calls - 1) / calls;
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofNanos(spacing)))
                .build();
    }
}
