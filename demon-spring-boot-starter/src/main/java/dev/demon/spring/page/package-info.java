/**
 * The training page at {@code /demon}: each pipeline's run, live or from its
 * {@code report.json}, with β_t and η_t per update, served read-only to a browser.
 */
package dev.demon.spring.page;
