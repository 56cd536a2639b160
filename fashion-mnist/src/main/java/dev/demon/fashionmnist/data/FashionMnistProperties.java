package dev.demon.fashionmnist.data;

import java.nio.file.Path;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.jspecify.annotations.Nullable;

/**
 * Where the demo finds Fashion-MNIST and how much of it a run uses.
 *
 * @param dir folder holding the four files under their published names
 * ({@link FashionMnistFile#fileName()}); unset: the copy bundled in the application
 * @param trainingSamples the first this-many training images only; unset: all 60 000
 * @param validationSamples the first this-many test images only; unset: all 10 000
 */
@Validated
@ConfigurationProperties("demo.data")
public record FashionMnistProperties(@Nullable Path dir, @Positive @Nullable Long trainingSamples,
        @Positive @Nullable Long validationSamples) {
}
