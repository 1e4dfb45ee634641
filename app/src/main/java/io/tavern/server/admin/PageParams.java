package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tavern.db.PageRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;

/**
 * {@code ?page=&size=} of a list call, bound from the query by Spring MVC and checked with
 * {@code @Valid}: pages count from 0; {@value #DEFAULT_SIZE} items unless asked, at most
 * {@link PageRequest#MAX_SIZE}.
 */
@ParameterObject
record PageParams(
        @Parameter(description = "which page, counted from 0",
                schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
        @Min(0) Integer page,
        @Parameter(description = "items per page",
                schema = @Schema(type = "integer", defaultValue = "" + DEFAULT_SIZE, minimum = "1",
                        maximum = "" + PageRequest.MAX_SIZE))
        @Min(1) @Max(PageRequest.MAX_SIZE) Integer size) {

    static final int DEFAULT_SIZE = 50;

    PageParams {
        page = page == null ? 0 : page;
        size = size == null ? DEFAULT_SIZE : size;
    }

    PageRequest toRequest() {
        return new PageRequest(page, size);
    }

    /** This page of a list held in memory, which is therefore counted exactly. */
    <T> Page<T> of(List<T> all) {
        long from = Math.min((long) page * size, all.size());
        long to = Math.min(from + size, all.size());
        return new Page<>(all.subList((int) from, (int) to), page, size, (long) all.size());
    }

    /** A page read from the database, whose total is not counted. */
    <T> Page<T> ofStored(List<T> items) {
        return new Page<>(items, page, size, null);
    }
}
