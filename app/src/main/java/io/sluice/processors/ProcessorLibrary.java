package io.sluice.processors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import groovy.transform.TimedInterrupt;
import org.codehaus.groovy.ast.tools.GeneralUtils;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.sluice.sync.SyncFileProcessors;

/**
 * The team's processors: each {@code <name>.groovy} of the processors folder, compiled when it is read and again
 * whenever its text changes, without rebuilding or restarting Sluice. Groovy because it compiles on a plain JRE
 * (the container image has no javac), reports errors with their line, and is what camel-groovy runs in routes.
 *
 * <p>A processor that does not compile is reported with {@code file:line}; the syncs naming it are invalid, and
 * those that ran keep running with its last version that compiled, as with a broken sync file.
 */
@Component
public class ProcessorLibrary implements SyncFileProcessors {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorLibrary.class);
    private static final String SUFFIX = ".groovy";

    private final Path directory;
    private final CompilerConfiguration compiler;
    private final Duration timeout;
    private volatile Map<String, Loaded> processors = Map.of();
    private long version;

    /** A processor's source as last read, its last version that compiled, and why this one does not. */
    private record Loaded(String text, Constructor<? extends ProcessorScript> compiled, String problem) {
    }

    public ProcessorLibrary(ProcessorProperties properties) {
        this.directory = Path.of(properties.dir());
        this.timeout = properties.timeout();
        this.compiler = new CompilerConfiguration();
        compiler.setScriptBaseClass(ProcessorScript.class.getName());
        // the timeout is checked inside the processor's loops and calls, so a runaway one stops without a thread
        compiler.addCompilationCustomizers(new ASTTransformationCustomizer(
                Map.of("value", properties.timeout().toMillis(),
                        "unit", GeneralUtils.propX(GeneralUtils.classX(TimeUnit.class), "MILLISECONDS")),
                TimedInterrupt.class));
        warmUp();
    }

    /**
     * Groovy sets its runtime up on first use, which takes far longer than a record should: done here, so that
     * the first record of the first run is not the one that times out.
     */
    private static void warmUp() {
        try (GroovyClassLoader classes = new GroovyClassLoader(ProcessorLibrary.class.getClassLoader())) {
            Class<?> script = classes.parseClass("record.b = record.a?.toString()?.trim() ?: 'warm'", "warm_up.groovy");
            Binding binding = new Binding();
            binding.setVariable("record", new LinkedHashMap<>(Map.of("a", " x ")));
            ((Script) script.getConstructor(Binding.class).newInstance(binding)).run();
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("Groovy cannot run here", e);
        }
    }

    @Override
    public Optional<String> problem(String name) {
        Loaded loaded = processors.get(name);
        if (loaded == null) {
            return Optional.of("no processor '" + name + "' in " + directory + " (it holds " + processors.keySet() + ")");
        }
        return Optional.ofNullable(loaded.problem()).map(problem -> "processor '" + name + "' does not compile: "
                + problem);
    }

    /** Every processor that does not compile, as {@code file:line: reason}, whether a sync names it or not. */
    public List<String> problems() {
        return processors.values().stream().map(Loaded::problem).filter(problem -> problem != null).toList();
    }

    @Override
    public synchronized long reread() {
        if (!Files.isDirectory(directory)) {
            return version;
        }
        Map<String, Loaded> read = new TreeMap<>();
        boolean changed = false;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.groovy$", "");
                String text = Files.readString(file);
                Loaded before = processors.get(name);
                if (before != null && before.text().equals(text)) {
                    read.put(name, before);
                    continue;
                }
                read.put(name, compile(file, name, text, before));
                changed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the processors in " + directory.toAbsolutePath(), e);
        }
        changed |= !read.keySet().equals(processors.keySet());
        processors = Collections.unmodifiableMap(read);
        return changed ? ++version : version;
    }

    /** The processors a sync names, in their last versions that compiled. */
    public ProcessorChain chain(List<String> names) {
        if (names.isEmpty()) {
            return ProcessorChain.NONE;
        }
        List<ProcessorChain.Step> steps = new ArrayList<>();
        for (String name : names) {
            Loaded loaded = processors.get(name);
            if (loaded == null || loaded.compiled() == null) {
                throw new IllegalStateException(problem(name).orElse("processor '" + name + "' is not loaded"));
            }
            steps.add(new ProcessorChain.Step(name, loaded.compiled()));
        }
        return new ProcessorChain(steps, timeout);
    }

    private Loaded compile(Path file, String name, String text, Loaded before) {
        Constructor<? extends ProcessorScript> previous = before == null ? null : before.compiled();
        // a class loader per version: an edited processor's old classes can be unloaded
        try (GroovyClassLoader classes = new GroovyClassLoader(getClass().getClassLoader(), compiler)) {
            Class<?> type = classes.parseClass(new GroovyCodeSource(text, name + SUFFIX, "/sluice/processors"));
            Constructor<? extends ProcessorScript> script =
                    type.asSubclass(ProcessorScript.class).getConstructor(Binding.class);
            LOG.info("Loaded processor '{}' from {}", name, file);
            return new Loaded(text, script, null);
        } catch (CompilationFailedException e) {
            String problem = describe(file, e);
            LOG.error("Processor '{}' does not compile: {}", name, problem);
            return new Loaded(text, previous, problem);
        } catch (IOException | ReflectiveOperationException | ClassCastException e) {
            String problem = file + ": cannot be loaded: " + e;
            LOG.error("Processor {}", problem);
            return new Loaded(text, previous, problem);
        }
    }

    /** {@code processors/score_lead.groovy:7: unexpected token: ...}, one clause per error the compiler found. */
    private static String describe(Path file, CompilationFailedException e) {
        if (!(e instanceof MultipleCompilationErrorsException multiple)) {
            return file + ": " + e.getMessage();
        }
        List<String> errors = new ArrayList<>();
        for (Message message : multiple.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                errors.add(file + ":" + syntax.getCause().getLine() + ": " + syntax.getCause().getOriginalMessage());
            } else {
                errors.add(file + ": " + message);
            }
        }
        return String.join("; ", errors);
    }
}
