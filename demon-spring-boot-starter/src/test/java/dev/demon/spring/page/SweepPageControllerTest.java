package dev.demon.spring.page;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.demon.spring.sweep.TrialOutcome;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.training.ModelMonitor;

/**
 * The sweeps' JSON as a browser reads it: exact figures (null for a loss that was not
 * finite), 404 with an error for a name that is no sweep, GET only, never cached, no path
 * or host.
 */
class SweepPageControllerTest {

    @TempDir
    Path workspace;

    private MockMvc mvc;

    /** Two learning rates at one β_init (so no heatmap), two seeds at 0.1. */
    @BeforeEach
    void recordTheSweep() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        SweepPageTest.trial(sweep, 1, "1", "0.01", "0.9", BatchStatus.COMPLETED, "COMPLETED", 0.5, 0.25);
        SweepPageTest.trial(sweep, 2, "1", "0.1", "0.9", BatchStatus.COMPLETED, TrialOutcome.PRUNED, 2.0);
        SweepPageTest.trial(sweep, 3, "2", "0.1", "0.9", BatchStatus.STARTED, "EXECUTING", Double.NaN);
        SweepPage page = new SweepPage(
                List.of(RecordedSweep.summary(ModelMonitor.VALIDATION_LOSS), SweepPageTest.NEVER_RUN),
                sweep.repository());
        mvc = MockMvcBuilders.standaloneSetup(new SweepPageController(page)).build();
    }

    @Test
    void listsEverySweepWithItsTrialsByStatus() throws Exception {
        mvc.perform(get("/demon/api/sweeps"))
            .andExpect(status().isOk())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(content().json("""
                    [{"sweep":"lr","pipeline":"regression","search":"grid","objective":"validation-loss",
                      "direction":"minimize","trials":{"COMPLETED":1,"PRUNED":1,"STARTED":1}},
                     {"sweep":"momentum","pipeline":"regression","search":"random",
                      "objective":"validation-accuracy","direction":"maximize","trials":{}}]""", true));
    }

    @Test
    void answersOneSweepsTrialsAndHeatmap() throws Exception {
        mvc.perform(get("/demon/api/sweeps/lr")).andExpect(status().isOk()).andExpect(content().json("""
                {"summary":{"sweep":"lr","pipeline":"regression","search":"grid","objective":"validation-loss",
                            "direction":"minimize","trials":{"COMPLETED":1,"PRUNED":1,"STARTED":1}},
                 "trials":[
                   {"trial":"trial-0001","status":"COMPLETED","epoch":2,"objective":0.25,"objectives":[0.5,0.25],
                    "bestObjective":0.25,"attempts":1,"parameters":{"seed":"1","momentum.schedule":"demon",
                    "learning-rate.initial":"0.01","momentum.beta-init":"0.9"}},
                   {"trial":"trial-0002","status":"PRUNED","epoch":1,"objective":2.0,"objectives":[2.0],
                    "bestObjective":2.0,"attempts":1,"parameters":{"seed":"1","momentum.schedule":"demon",
                    "learning-rate.initial":"0.1","momentum.beta-init":"0.9"}},
                   {"trial":"trial-0003","status":"STARTED","epoch":1,"objective":null,"objectives":[null],
                    "bestObjective":null,"attempts":1,"parameters":{"seed":"2","momentum.schedule":"demon",
                    "learning-rate.initial":"0.1","momentum.beta-init":"0.9"}}],
                 "heatmap":null}""", true));
    }

    @Test
    void anUnknownSweepIsNotFound() throws Exception {
        mvc.perform(get("/demon/api/sweeps/regression")).andExpect(status().isNotFound()).andExpect(content().json("""
                {"error":"No sweep named regression"}""", true));
    }

    @Test
    void answersGetOnly() throws Exception {
        mvc.perform(post("/demon/api/sweeps")).andExpect(status().isMethodNotAllowed());
        mvc.perform(post("/demon/api/sweeps/lr")).andExpect(status().isMethodNotAllowed());
        mvc.perform(put("/demon/api/sweeps/lr")).andExpect(status().isMethodNotAllowed());
        mvc.perform(delete("/demon/api/sweeps/lr")).andExpect(status().isMethodNotAllowed());
    }

}
