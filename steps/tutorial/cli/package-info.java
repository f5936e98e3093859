/** The real Liquibase CLI as ./jbang liquibase runs it: the command typed, what is refused or kept before it starts, and what is said after. */
package tutorial.cli;
