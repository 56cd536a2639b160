package dev.demon.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.core.env.Environment;
import org.jspecify.annotations.Nullable;

import dev.demon.spring.workspace.Workspace;

/**
 * The folder {@code demon.checkpoint.dir} names, as the environment sets it: where the
 * starter keeps checkpoints, reports and, unless the application has its own data source,
 * the H2 job repository ({@link Workspace}), with where the setting comes from.
 *
 * @param path the folder, absolute and normalised
 * @param property the property as set, with its origin, or null when the default applies
 */
record CheckpointFolder(Path path, @Nullable ConfigurationProperty property) {

    /** The property naming the folder. */
    static final String PROPERTY = "demon.checkpoint.dir";

    private static final ConfigurationPropertyName NAME = ConfigurationPropertyName.of(PROPERTY);

    /**
     * The folder the environment sets, or the default
     * {@value DemonProperties#DEFAULT_CHECKPOINT_DIR}.
     * @param environment the application's environment
     * @return the folder
     */
    static CheckpointFolder of(Environment environment) {
        ConfigurationProperty property = null;
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            property = source.getConfigurationProperty(NAME);
            if (property != null) {
                break;
            }
        }
        // The binder resolves placeholders; the property keeps the value as written and
        // its origin.
        String value = Binder.get(environment)
            .bind(NAME, Bindable.of(String.class))
            .orElse(DemonProperties.DEFAULT_CHECKPOINT_DIR);
        return new CheckpointFolder(Path.of(value).toAbsolutePath().normalize(), property);
    }

    /**
     * The folder's layout: where the default job repository, checkpoints, models and
     * reports are in it.
     * @return the workspace in this folder
     */
    Workspace workspace() {
        return new Workspace(path);
    }

    /**
     * Creates the folder if it is missing and checks that a file can be written in it, so
     * that a bad folder stops the start-up with an explanation instead of failing inside
     * H2 or, with another job repository, at the first checkpoint after an epoch of
     * training.
     * @throws FailureAnalyzedException naming the property, the folder and the problem
     */
    void requireWritable() {
        for (Path existing = path; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                if (!Files.isDirectory(existing)) {
                    // The folder, or the parent that should hold it, is a file.
                    throw unusable(existing + " is a file, not a folder", "remove or rename that file");
                }
                break;
            }
        }
        try {
            Files.createDirectories(path);
        }
        catch (IOException ex) {
            throw unusable("the folder " + path + " cannot be created (" + reason(ex) + ")",
                    "let the user running the application create it");
        }
        try {
            Files.delete(Files.createTempFile(path, ".demon-write-check", ".tmp"));
        }
        catch (IOException ex) {
            throw unusable("the folder " + path + " cannot be written (" + reason(ex) + ")",
                    "let the user running the application write in it");
        }
    }

    /**
     * How a description names the setting:
     * {@code demon.checkpoint.dir = "value" (origin)}.
     * @return the property, its value as written and where it was set
     */
    String describeSetting() {
        if (property == null) {
            return PROPERTY + " (default \"" + DemonProperties.DEFAULT_CHECKPOINT_DIR + "\")";
        }
        return PROPERTY + " = \"" + property.getValue() + "\""
                + (property.getOrigin() != null ? " (" + property.getOrigin() + ")" : "");
    }

    private FailureAnalyzedException unusable(String problem, String remedy) {
        return new FailureAnalyzedException(describeSetting() + " is not a usable checkpoint folder: " + problem + ".",
                "Set " + PROPERTY + " to a folder the application can create and write, or " + remedy + ".");
    }

    private static String reason(IOException ex) {
        if (ex instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (ex instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return ex.toString();
    }
}
