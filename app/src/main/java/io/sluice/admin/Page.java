package io.sluice.admin;

import java.util.List;
import java.util.function.Function;

/**
 * What every admin list answers: a part of the list, how long the whole list is, and which part this
 * is. {@link PageLinks} adds the link to the next part.
 */
record Page<T>(List<T> items, long total, int limit, long offset) {

    <R> Page<R> map(Function<? super T, ? extends R> each) {
        return new Page<>(items.stream().<R>map(each).toList(), total, limit, offset);
    }

    boolean hasNext() {
        return offset + limit < total;
    }
}
