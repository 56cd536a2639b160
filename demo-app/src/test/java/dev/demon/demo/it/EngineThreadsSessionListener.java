package dev.demon.demo.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import dev.demon.spring.training.EngineThreads;
import dev.demon.spring.training.EngineType;

/**
 * Chooses the test JVM's MXNet threads as the starter chooses them for the demo's
 * processes, before any test loads the engine: tests that load a model the demo saved and
 * evaluate it here expect the demo's figures bit for bit, and the sums' order depends on
 * the engine's threads. The processes the tests start get the test JVM's environment as
 * it started (Java's copy, which this does not change), so they still make the starter's
 * choice themselves.
 */
public class EngineThreadsSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        EngineThreads.prepare(EngineType.MXNET.engineName(), System::getenv,
                Runtime.getRuntime().availableProcessors());
    }

}
