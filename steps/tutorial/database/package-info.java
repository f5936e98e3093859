/** The database: opening library.db (or a server), reading its schema with PRAGMA, and the small builder the models are written in. */
package tutorial.database;
