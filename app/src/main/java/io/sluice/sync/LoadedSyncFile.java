package io.sluice.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A sync file as the catalog knows it: valid with its definition, or invalid with its problems.
 */
public record LoadedSyncFile(String name, Path file, Optional<SyncDefinition> definition,
                             List<SyncFileProblem> problems) {

    static LoadedSyncFile valid(SyncDefinition definition) {
        return new LoadedSyncFile(definition.name(), definition.file(), Optional.of(definition), List.of());
    }

    static LoadedSyncFile invalid(String name, Path file, List<SyncFileProblem> problems) {
        return new LoadedSyncFile(name, file, Optional.empty(), List.copyOf(problems));
    }

    public boolean isValid() {
        return definition.isPresent();
    }

    /**
     * The same file after a further check of its valid definition (against the warehouse, say): invalid with
     * the problems the check found, unchanged when it found none or the file was invalid already.
     */
    public LoadedSyncFile checked(Function<SyncDefinition, List<SyncFileProblem>> check) {
        return definition.map(valid -> withProblems(check.apply(valid))).orElse(this);
    }

    private LoadedSyncFile withProblems(List<SyncFileProblem> more) {
        return more.isEmpty() ? this : invalid(name, file, more);
    }
}
