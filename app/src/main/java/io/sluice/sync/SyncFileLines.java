package io.sluice.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Where in a sync file a problem's field is written, so an editor or a CI log can point at the line. A field
 * that is missing points at the line of the block it belongs in; a file that is not YAML at all points at
 * the line the YAML parser stopped on.
 */
public final class SyncFileLines {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final Node root;
    private final int errorLine;

    private SyncFileLines(Node root, int errorLine) {
        this.root = root;
        this.errorLine = errorLine;
    }

    public static SyncFileLines of(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return new SyncFileLines(null, 1);
        }
    }

    static SyncFileLines parse(String text) {
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), new LoaderOptions()),
                    new Resolver(), new LoaderOptions());
            return new SyncFileLines(composer.getSingleNode(), 1);
        } catch (MarkedYAMLException e) {
            return new SyncFileLines(null, e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1);
        } catch (RuntimeException e) {
            return new SyncFileLines(null, 1);
        }
    }

    /** 1-based line of a dotted field path such as {@code mapping.email}, {@code http.headers.Accept} or {@code slack.blocks[0]}. */
    public int lineOf(String field) {
        if (root == null) {
            return errorLine;
        }
        Node node = root;
        int line = 1;
        Matcher segments = SEGMENT.matcher(field);
        while (segments.find()) {
            Located next = segments.group(1) != null ? entry(node, segments.group(1)) : item(node,
                    Integer.parseInt(segments.group(2)));
            if (next == null) {
                break;
            }
            node = next.value();
            line = next.line();
        }
        return line;
    }

    public int lineOf(SyncFileProblem problem) {
        return lineOf(problem.field());
    }

    /** {@code file:line: field: reason}, the form editors' problem matchers and CI logs point at a line by. */
    public String locate(SyncFileProblem problem) {
        return problem.file() + ":" + lineOf(problem) + ": "
                + (problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.message();
    }

    private record Located(Node value, int line) {
    }

    private static Located entry(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return new Located(tuple.getValueNode(), scalar.getStartMark().getLine() + 1);
            }
        }
        return null;
    }

    private static Located item(Node node, int index) {
        if (!(node instanceof SequenceNode sequence)) {
            return null;
        }
        List<Node> items = sequence.getValue();
        return index < items.size() ? new Located(items.get(index), items.get(index).getStartMark().getLine() + 1)
                : null;
    }
}
