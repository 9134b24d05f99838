package io.sluice.sandbox.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Slack's special limit on posting: about one message per second per channel, a 429 with {@code Retry-After}
 * (whole seconds) beyond. Counted in a sliding window over posted messages only.
 */
final class ChannelRateLimiter {

    static final int DEFAULT_MESSAGES = 1;
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

    private final Clock clock;
    private final Map<String, Deque<Instant>> postsByChannel = new HashMap<>();
    private int messages = DEFAULT_MESSAGES;
    private Duration period = DEFAULT_PERIOD;

    ChannelRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts a post to the channel, or refuses it.
     *
     * @return empty when the post may go ahead; otherwise the seconds to wait, as {@code Retry-After} says
     */
    synchronized OptionalLong admit(String channelId) {
        Instant now = clock.instant();
        Deque<Instant> posts = postsByChannel.computeIfAbsent(channelId, id -> new ArrayDeque<>());
        while (!posts.isEmpty() && !posts.peekFirst().plus(period).isAfter(now)) {
            posts.removeFirst();
        }
        if (posts.size() >= messages) {
            Duration wait = Duration.between(now, posts.peekFirst().plus(period));
            return OptionalLong.of(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        posts.addLast(now);
        return OptionalLong.empty();
    }

    synchronized void setLimit(int messages, Duration period) {
        this.messages = messages;
        this.period = period;
    }

    synchronized void reset() {
        postsByChannel.clear();
        messages = DEFAULT_MESSAGES;
        period = DEFAULT_PERIOD;
    }
}
