/** The exercises: the one list, the checks, hints, reference solutions, the mastery check, and check --watch. */
package tutorial.exercises;
