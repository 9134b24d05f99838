package io.sluice.sync;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where sync files' {@code model: {dbt: name}} are looked up ({@code sluice.dbt.*}).
 *
 * @param manifest dbt's {@code manifest.json} (written by {@code dbt compile}, {@code dbt run} and
 *                 {@code dbt build} into the project's {@code target/}): a dbt model's table is its node's
 *                 {@code relation_name}. Read when a sync file naming a dbt model loads
 */
@Validated
@ConfigurationProperties("sluice.dbt")
public record DbtProperties(@NotNull @DefaultValue(DbtProperties.DEFAULT_MANIFEST) Path manifest) {

    static final String DEFAULT_MANIFEST = "target/manifest.json";
}
