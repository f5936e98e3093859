/** Liquibase on this project: running the changelog, diffing the models, and the SQLite workarounds plugged in as Liquibase extensions. */
package tutorial.liquibase;
