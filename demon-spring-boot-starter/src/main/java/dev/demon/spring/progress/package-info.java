/**
 * Where the trainings running in this process stand, published by the training thread for
 * readers such as the training page.
 */
package dev.demon.spring.progress;
