package dev.demon.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.demon.spring.training.EngineThreads;
import dev.demon.spring.training.EngineType;
import dev.demon.spring.training.NativeAllocator;

/**
 * Defaults the starter needs from other parts of Spring Boot, added with the lowest
 * precedence so that any setting of the application wins. Only with
 * {@code demon.enabled=true}:
 *
 * <ul>
 * <li>Actuator exposes {@code health}, {@code info} and {@code prometheus} over HTTP,
 * nothing else ({@code management.endpoints.web.exposure.include});
 * <li>unless the application sets {@code spring.datasource.url}, the JobRepository is an
 * H2 file database {@code batch} inside {@code demon.checkpoint.dir}, so that a crashed
 * run's executions are still there when the application starts again, and Spring Batch's
 * schema is created in it ({@code spring.batch.jdbc.initialize-schema=always}: Spring
 * Boot only initialises in-memory databases by default; existing tables are left alone);
 * <li>the H2 web console stays off;
 * <li>Spring Batch's job launcher and operator log at WARN
 * ({@code logging.level.org.springframework.batch.core.launch.support.TaskExecutorJobLauncher}
 * and {@code ...TaskExecutorJobOperator}): at INFO they print a job's whole parameter
 * map, the recorded configuration included, three times per start; each training job logs
 * one line naming its run and configuration instead;
 * <li>{@code demon.checkpoint.dir} is created if missing and must be a folder the
 * application can write: otherwise start-up stops here, with a failure analysis naming
 * the property, the folder and the problem ({@link CheckpointFolder#requireWritable()});
 * <li>DJL runs offline ({@code ai.djl.offline=true}, read by DJL's
 * {@code Utils.isOfflineMode()} before any download) unless the JVM already says
 * otherwise with that system property or {@code DJL_OFFLINE}: the engine's native library
 * comes from the classpath, and nothing is fetched behind the user's back;
 * <li>the engine {@code demon.engine} names must be on the class path (otherwise start-up
 * stops here, naming the engines that are: {@link EngineUnavailableFailureAnalyzer}), and
 * becomes DJL's default engine ({@code ai.djl.default_engine}, read by DJL's
 * {@code Engine.getDefaultEngineName()} on every call), so that the datasets and arrays a
 * pipeline creates with {@code Engine.getInstance()} or
 * {@code NDManager.newBaseManager()} live on the engine the model trains on;
 * <li>the engine's threads are chosen before its library loads and logged
 * ({@link EngineThreads}): on MXNet, unless one of its threading variables is set,
 * NaiveEngine with one OpenMP thread per processor; PyTorch's own default, every core;
 * <li>the native allocator the engines' memory comes from is named, with what to preload
 * where it is glibc's ({@link NativeAllocator}).
 * </ul>
 */
public class DemonEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** Name of the property source holding these defaults. */
    public static final String PROPERTY_SOURCE_NAME = "demonDefaults";

    /** Spring Batch's loggers that print a job's parameters when it launches and ends. */
    static final List<String> QUIETED_LOGGERS = List.of(
            "org.springframework.batch.core.launch.support.TaskExecutorJobLauncher",
            "org.springframework.batch.core.launch.support.TaskExecutorJobOperator");

    private static final String DJL_OFFLINE_PROPERTY = "ai.djl.offline";

    private static final String DJL_DEFAULT_ENGINE_PROPERTY = "ai.djl.default_engine";

    private final UnaryOperator<String> environmentVariables;

    private final Log logger;

    /**
     * The post-processor Spring Boot instantiates.
     * @param logFactory the log that is written once logging is set up
     */
    public DemonEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this(System::getenv, logFactory.getLog(DemonEnvironmentPostProcessor.class));
    }

    DemonEnvironmentPostProcessor(UnaryOperator<String> environmentVariables, Log logger) {
        this.environmentVariables = environmentVariables;
        this.logger = logger;
    }

    /**
     * How many models the start-up job trains at once: a sweep's {@code concurrency} when
     * {@code spring.batch.job.name} names a sweep, else one. The engine reads its threads
     * once, before any job starts, so the start-up job decides for the process.
     */
    static int trainingsAtOnce(Binder binder) {
        String job = binder.bind("spring.batch.job.name", String.class).orElse(null);
        if (job == null) {
            return 1;
        }
        // An invalid concurrency stops start-up where the sweep is checked.
        int concurrency = binder.bind("demon.sweeps." + job + ".concurrency", Integer.class).orElse(1);
        return Math.max(1, concurrency);
    }

    private void log(NativeAllocator.Description allocator) {
        if (allocator.warning()) {
            logger.warn(allocator.message());
        }
        else {
            logger.info(allocator.message());
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("demon.enabled", Boolean.class).orElse(false)) {
            return;
        }
        if (System.getProperty(DJL_OFFLINE_PROPERTY) == null && environmentVariables.apply("DJL_OFFLINE") == null) {
            System.setProperty(DJL_OFFLINE_PROPERTY, "true");
        }
        EngineType engine = binder.bind("demon.engine", EngineType.class).orElse(null);
        String engineName = EngineType.select(engine);
        if (engine != null) {
            System.setProperty(DJL_DEFAULT_ENGINE_PROPERTY, engineName);
        }
        logger.info(EngineThreads.prepare(engineName, environmentVariables, Runtime.getRuntime().availableProcessors(),
                trainingsAtOnce(binder)));
        NativeAllocator.ofThisProcess(environmentVariables).ifPresent(this::log);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("spring.h2.console.enabled", "false");
        // Spring Batch's launcher and operator log a job's whole parameter map, the
        // recorded configuration included, three times per start at INFO; the starter
        // names the run and its configuration in one line instead (TrainingJobListener).
        for (String logger : QUIETED_LOGGERS) {
            defaults.put("logging.level." + logger, "warn");
        }
        CheckpointFolder folder = CheckpointFolder.of(environment);
        folder.requireWritable();
        if (!environment.containsProperty("spring.datasource.url")) {
            defaults.put("spring.datasource.url", folder.workspace().jobRepositoryUrl());
            defaults.put("spring.datasource.username", "sa");
            defaults.put("spring.datasource.password", "");
            defaults.put("spring.batch.jdbc.initialize-schema", "always");
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }

}
