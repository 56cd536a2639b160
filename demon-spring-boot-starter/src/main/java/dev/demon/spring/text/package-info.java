/**
 * Names a user misspelt: which known name is closest.
 */
@NullMarked
package dev.demon.spring.text;

import org.jspecify.annotations.NullMarked;
