package io.tavern.server.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.springframework.util.unit.DataSize;

/** Checks {@link DataSizeRange}; a missing value is left to {@code @NotNull}. */
public final class DataSizeRangeValidator implements ConstraintValidator<DataSizeRange, DataSize> {

    private DataSize min;
    private DataSize max;

    @Override
    public void initialize(DataSizeRange range) {
        min = DataSize.parse(range.min());
        max = DataSize.parse(range.max());
    }

    @Override
    public boolean isValid(DataSize value, ConstraintValidatorContext context) {
        return value == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0);
    }
}
