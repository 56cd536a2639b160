/**
 * The starter's serving under load: {@code POST /predict} on {@code ServedModels} against
 * a bare DJL {@code Predictor} loop on the same model in the same JVM.
 */
package dev.demon.benchmarks.serving;
