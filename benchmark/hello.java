///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION The benchmark's floor: a script that only prints a line, run through the same ./jbang

// What any JBang script costs before it does anything: the wrapper, JBang's launcher (or the
// launch cache), and a JVM that starts and stops. No options, no class-data archive.

class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
