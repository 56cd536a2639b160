package dev.demon.demo.predict;

/**
 * What {@code POST /predict} answers when it cannot predict: the body of every 4xx and
 * 5xx it sends itself.
 *
 * @param error what is wrong, for a person to read
 */
public record PredictionError(String error) {
}
