/** Proving a migration safe: a faithful snapshot of a SQLite database (schema and rows), what differs between two, and the round trip (apply, roll back, apply again) on a throw-away copy. */
package tutorial.safety;
