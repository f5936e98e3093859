package journeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import tutorial.liquibase.Changelog;
import tutorial.project.Project;
import tutorial.project.ScratchProject;

/**
 * TEST FIXTURES, not the exercises themselves: hand-written changesets standing in for what
 * the exercises (an isbn column, a data migration setting genre with its rollback, an index
 * on genre) add to a learner's changelog, so that the PostgreSQL tests run a changelog with
 * every kind of change a learner's may hold. They go after the walkthrough's generated
 * genre changeset, appended to the master changelog the way the tutorial appends.
 */
final class ExerciseFixtures {

    static final String ISBN = "changelog/changes/0002_add_isbn_column_to_books.yaml";
    static final String GENRE_DATA = "changelog/changes/0003_set_genre_to_programming.yaml";
    static final String GENRE_INDEX = "changelog/changes/0004_index_books_by_genre.yaml";

    static final String ISBN_CHANGESET = """
            # Test fixture (stands in for an exercise): a new nullable column.
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: add isbn column to books
                changes:
                - addColumn:
                    tableName: books
                    columns:
                    - column:
                        name: isbn
                        type: VARCHAR(13)
            """;

    private static final String GENRE_DATA_CHANGESET = """
            # Test fixture (stands in for an exercise): a data migration. Liquibase cannot invert
            # an update, so the rollback is written out.
            databaseChangeLog:
            - changeSet:
                id: 0003-1
                author: learner
                comment: set the genre of every book to programming
                changes:
                - update:
                    tableName: books
                    columns:
                    - column:
                        name: genre
                        value: programming
                rollback:
                - update:
                    tableName: books
                    columns:
                    - column:
                        name: genre
                        valueComputed: "NULL"
            """;

    private static final String GENRE_INDEX_CHANGESET = """
            # Test fixture (stands in for an exercise): an index, which Liquibase rolls back by itself.
            databaseChangeLog:
            - changeSet:
                id: 0004-1
                author: learner
                comment: index books by genre
                changes:
                - createIndex:
                    indexName: ix_books_genre
                    tableName: books
                    columns:
                    - column:
                        name: genre
            """;

    private ExerciseFixtures() {
    }

    /** Writes the three fixture changesets and appends them to the scratch copy's master changelog, in order. */
    static void append(ScratchProject project) throws IOException {
        Changelog changelog = new Changelog(new Project(project.root(), new Properties()));
        for (List<String> fixture : List.of(List.of(ISBN, ISBN_CHANGESET), List.of(GENRE_DATA, GENRE_DATA_CHANGESET),
                List.of(GENRE_INDEX, GENRE_INDEX_CHANGESET))) {
            Path file = project.path(fixture.get(0));
            Files.writeString(file, fixture.get(1));
            changelog.append(file);
        }
    }
}
