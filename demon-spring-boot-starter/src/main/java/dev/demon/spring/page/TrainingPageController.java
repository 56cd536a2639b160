package dev.demon.spring.page;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The training page at {@code /demon} and the JSON it polls, read-only: every mapping
 * answers GET (and HEAD) only.
 *
 * <ul>
 * <li>{@code GET /demon}: the page;
 * <li>{@code GET /demon/api/pipelines}: a {@link PipelineSummary} per pipeline;
 * <li>{@code GET /demon/api/pipelines/{name}}: its {@link PipelineDetails}, 404 with
 * {@code {"error": "..."}} for a name that is no pipeline;
 * <li>{@code GET /demon/assets/…}: the page's scripts (its pipelines' and its sweeps',
 * whose JSON {@link SweepPageController} answers) and uPlot (from the
 * {@code org.webjars.npm:uplot} jar), so nothing is fetched from elsewhere.
 * </ul>
 */
@RestController
@RequestMapping("/demon")
public class TrainingPageController {

    private static final String PAGE = "dev/demon/spring/page/";

    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + webJarVersion() + "/dist/";

    private final TrainingPage page;

    /**
     * Creates the controller.
     * @param page what the page shows
     */
    public TrainingPageController(TrainingPage page) {
        this.page = page;
    }

    @GetMapping({ "", "/" })
    ResponseEntity<Resource> page() {
        return asset(PAGE + "index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/assets/training-page.js")
    ResponseEntity<Resource> script() {
        return asset(PAGE + "training-page.js", MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/assets/sweep-page.js")
    ResponseEntity<Resource> sweepScript() {
        return asset(PAGE + "sweep-page.js", MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/assets/uPlot.iife.min.js")
    ResponseEntity<Resource> uPlot() {
        return asset(UPLOT + "uPlot.iife.min.js", MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/assets/uPlot.min.css")
    ResponseEntity<Resource> uPlotStyle() {
        return asset(UPLOT + "uPlot.min.css", MediaType.valueOf("text/css"));
    }

    @GetMapping("/api/pipelines")
    ResponseEntity<List<PipelineSummary>> pipelines() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page.pipelines());
    }

    @GetMapping("/api/pipelines/{name}")
    ResponseEntity<?> pipeline(@PathVariable String name) {
        return page.pipeline(name)
            .<ResponseEntity<?>>map(details -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(details))
            .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "No pipeline named " + name)));
    }

    private static ResponseEntity<Resource> asset(String path, MediaType type) {
        return ResponseEntity.ok()
            .contentType(type)
            .cacheControl(CacheControl.noCache())
            .body(new ClassPathResource(path));
    }

    /** The uPlot version on the class path, from its WebJar's Maven metadata. */
    private static String webJarVersion() {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars.npm/uplot/pom.properties")
            .getInputStream()) {
            properties.load(in);
        }
        catch (IOException ex) {
            throw new IllegalStateException("The uPlot WebJar (org.webjars.npm:uplot) is not on the class path", ex);
        }
        return properties.getProperty("version");
    }

}
