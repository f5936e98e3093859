/** The project's files: where things are, the lesson's start as git has it, reset, and scratch copies run as real processes. */
package tutorial.project;
