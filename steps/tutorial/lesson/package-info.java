/** The lesson's frame: a step's header, options and errors, the console, and the reports a step ends with. */
package tutorial.lesson;
