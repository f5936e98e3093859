//SOURCES ../tutorial/database/Table.java
package models;

import static tutorial.database.Table.*;

import java.util.List;

import tutorial.database.Table;

/**
 * The models: the tables this project's code expects, declared once.
 *
 * This is the project.py of the Alembic lesson. 01_create builds library.db from these
 * declarations (like SQLAlchemy's create_all()), and 03_change_model and 04_autogenerate
 * compare them with library.db to find what a migration must change.
 *
 * Each column is one line, and the semicolon that ends a table stands on its own line,
 * so you can add, remove or uncomment a column without touching any other line.
 */
public final class Models {

    /** Someone who wrote one or more books. */
    public static final Table AUTHOR = table("authors")
            .column("id", INTEGER, PRIMARY_KEY)
            .column("name", string(100), NOT_NULL)
            ;

    /** A book, written by one author. */
    public static final Table BOOK = table("books")
            .column("id", INTEGER, PRIMARY_KEY)
            .column("title", string(200), NOT_NULL)
            .column("author_id", INTEGER, foreignKey("fk_books_author_id", "authors", "id"))
            //.column("genre", string(50))  // UNCOMMENT FOR MIGRATION
            ;

    /** Every table, in the order they must be created (a table after those it points at). */
    public static final List<Table> ALL = List.of(AUTHOR, BOOK);

    private Models() {
    }
}
