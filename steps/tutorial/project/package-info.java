/** The project's files: where things are, the lesson's start as git has it, reset, scratch copies run as real processes, and watching the learner's files for changes. */
package tutorial.project;
