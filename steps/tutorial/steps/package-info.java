/**
 * What the tutorial adds around each step's copy-paste block, one class a step: the checks before it, the copies kept, the block
 * watched, the report after. The step itself holds its block and its command line; this is everything else.
 */
package tutorial.steps;
