package io.sluice.admin;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The part of a list a caller asks for, the same two query parameters on every admin list. Absent,
 * they mean the first {@value #DEFAULT_LIMIT} items; out of range, the call is refused rather than
 * quietly clamped, so a caller never mistakes a shorter page for the end of the list.
 */
@ParameterObject
record Paging(
        @Parameter(description = "the most items to answer, from 1 to " + MAX_LIMIT,
                schema = @Schema(type = "integer", defaultValue = "" + DEFAULT_LIMIT))
        @Min(value = 1, message = LIMIT_RANGE) @Max(value = MAX_LIMIT, message = LIMIT_RANGE) Integer limit,
        @Parameter(description = "how many items of the list to skip", schema = @Schema(type = "integer",
                defaultValue = "0"))
        @Min(value = 0, message = "must be 0 or more") Long offset) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String LIMIT_RANGE = "must be from 1 to " + MAX_LIMIT;

    Paging {
        limit = limit == null ? DEFAULT_LIMIT : limit;
        offset = offset == null ? 0 : offset;
    }

    /** This part of a list read whole. */
    <T> Page<T> of(List<T> all) {
        int from = (int) Math.min(offset, all.size());
        return of(all.subList(from, (int) Math.min((long) from + limit, all.size())), all.size());
    }

    /** A part read by {@code limit} and {@code offset}, of a list {@code total} long. */
    <T> Page<T> of(List<T> items, long total) {
        return new Page<>(items, total, limit, offset);
    }
}
