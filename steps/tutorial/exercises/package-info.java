/** The exercises: the one list, the checks, hints, reference solutions and the mastery check. */
package tutorial.exercises;
