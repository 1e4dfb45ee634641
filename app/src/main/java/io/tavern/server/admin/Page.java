package io.tavern.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a list.
 *
 * @param total how many items the whole list has; absent for lists read from the database, which
 *              are not counted (ask for the next page until one comes back short)
 */
public record Page<T>(List<T> items, int page, int size, @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {
}
