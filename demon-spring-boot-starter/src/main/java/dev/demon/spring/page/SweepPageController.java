package dev.demon.spring.page;

import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sweeps' JSON the training page at {@code /demon} polls, read-only: every mapping
 * answers GET (and HEAD) only.
 *
 * <ul>
 * <li>{@code GET /demon/api/sweeps}: a {@link SweepOverview} per sweep;
 * <li>{@code GET /demon/api/sweeps/{name}}: its {@link SweepDetails}, 404 with
 * {@code {"error": "..."}} for a name that is no sweep.
 * </ul>
 */
@RestController
@RequestMapping("/demon/api/sweeps")
public class SweepPageController {

    private final SweepPage page;

    /**
     * Creates the controller.
     * @param page what the page shows of the sweeps
     */
    public SweepPageController(SweepPage page) {
        this.page = page;
    }

    @GetMapping
    ResponseEntity<List<SweepOverview>> sweeps() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page.sweeps());
    }

    @GetMapping("/{name}")
    ResponseEntity<?> sweep(@PathVariable String name) {
        return page.sweep(name)
            .<ResponseEntity<?>>map(details -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(details))
            .orElseGet(
                    () -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "No sweep named " + name)));
    }

}
