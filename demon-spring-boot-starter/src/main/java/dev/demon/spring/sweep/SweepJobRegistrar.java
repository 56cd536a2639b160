package dev.demon.spring.sweep;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.TrainingJobRegistrar;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.text.EditDistance;

/**
 * Registers one {@link Job} bean per sweep, built by the {@link SweepJobFactory}, as
 * {@link TrainingJobRegistrar} registers a pipeline's: the job is named after the sweep,
 * its bean {@code <sweep>-job}, so that {@code spring.batch.job.name=<sweep>} selects it
 * and the starter's launcher starts, leases and resumes it; and one {@link SweepSummary}
 * bean per sweep, {@code <sweep>-summary}, for the training page and the meters; and one
 * {@link Step} bean per sweep named as its trial step, {@code <sweep>-trial}, which a
 * worker process runs for each trial request it takes (Spring Batch's
 * {@code BeanFactoryStepLocator} finds a worker step by its bean name).
 *
 * <p>
 * A sweep named like a pipeline, or naming a pipeline there is not, is refused here, with
 * an {@link InvalidSweepException}, before any bean is created.
 */
public class SweepJobRegistrar implements BeanDefinitionRegistryPostProcessor {

    /**
     * Suffix of the name of a sweep's {@link SweepSummary} bean: {@code <sweep>-summary}.
     */
    public static final String SUMMARY_BEAN_SUFFIX = "-summary";

    /**
     * Suffix of the name of a sweep's trial {@link Step} bean, {@code <sweep>-trial}: the
     * step's own name ({@link SweepPlan#trialStepName()}).
     */
    public static final String TRIAL_STEP_BEAN_SUFFIX = "-trial";

    private final Map<String, @Nullable String> pipelineBySweep;

    /**
     * Creates the registrar.
     * @param pipelineBySweep each sweep's {@code pipeline} property by the sweep's name;
     * null where unset
     */
    public SweepJobRegistrar(Map<String, @Nullable String> pipelineBySweep) {
        this.pipelineBySweep = pipelineBySweep;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        if (!(registry instanceof ConfigurableListableBeanFactory beanFactory) || pipelineBySweep.isEmpty()) {
            return;
        }
        Map<String, TrainingPipeline> pipelineBeans = TrainingJobRegistrar.pipelines(beanFactory);
        Set<String> pipelines = new TreeSet<>();
        pipelineBeans.values().forEach(declaration -> pipelines.add(declaration.name()));
        pipelineBySweep.forEach((sweep, pipeline) -> {
            if (pipelines.contains(sweep)) {
                throw new InvalidSweepException(sweep, "pipeline", Objects.toString(pipeline, ""),
                        "the sweep is named like the pipeline " + sweep
                                + ", and its job would be the pipeline's job; give the sweep another name");
            }
            String pipelineBean = pipelineBeans.entrySet()
                .stream()
                .filter(entry -> entry.getValue().name().equals(pipeline))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> unknownPipeline(sweep, pipeline, pipelines));
            TrainingPipeline declaration = pipelineBeans.get(pipelineBean);
            RootBeanDefinition job = new RootBeanDefinition(Job.class,
                    () -> createJob(beanFactory, sweep, pipelineBean, declaration));
            job.setDescription("Spring Batch job of sweep " + sweep + " over @TrainingPipeline " + pipeline);
            registry.registerBeanDefinition(sweep + TrainingJobRegistrar.JOB_BEAN_SUFFIX, job);
            RootBeanDefinition summary = new RootBeanDefinition(SweepSummary.class,
                    () -> beanFactory.getBean(SweepJobFactory.class)
                        .summary(sweep, declaration, beanFactory.getBean(pipelineBean, PipelineDefinition.class)));
            summary.setDescription("What the training page and the meters say of sweep " + sweep);
            registry.registerBeanDefinition(sweep + SUMMARY_BEAN_SUFFIX, summary);
            RootBeanDefinition trialStep = new RootBeanDefinition(Step.class,
                    () -> beanFactory.getBean(SweepJobFactory.class)
                        .trialStep(sweep, declaration, beanFactory.getBean(pipelineBean, PipelineDefinition.class)));
            trialStep.setDescription("The step that trains one trial of sweep " + sweep + ", for remote workers");
            // Created when a worker first asks for it: a process that runs the sweep
            // itself builds the step with its job.
            trialStep.setLazyInit(true);
            registry.registerBeanDefinition(sweep + TRIAL_STEP_BEAN_SUFFIX, trialStep);
        });
    }

    private static InvalidSweepException unknownPipeline(String sweep, @Nullable String pipeline,
            Collection<String> pipelines) {
        String known = pipelines.isEmpty() ? "there is no @TrainingPipeline bean"
                : "pipelines: " + String.join(", ", pipelines);
        if (pipeline == null || pipeline.isBlank()) {
            return new InvalidSweepException(sweep, "pipeline", "", "must name the pipeline to sweep; " + known);
        }
        return new InvalidSweepException(sweep, "pipeline", pipeline,
                "is no pipeline"
                        + (pipelines.isEmpty() ? ""
                                : "; the closest is " + EditDistance.closest(pipeline, List.copyOf(pipelines)))
                        + "; " + known);
    }

    private static Job createJob(BeanFactory beanFactory, String sweep, String pipelineBean,
            TrainingPipeline declaration) {
        return beanFactory.getBean(SweepJobFactory.class)
            .create(sweep, declaration, beanFactory.getBean(pipelineBean, PipelineDefinition.class));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // Everything happens when the bean definitions are registered.
    }

}
