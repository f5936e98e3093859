package tutorial.steps;

/** A step's copy-paste block, as the step's own method: run with the arguments the tutorial hands it (the URL, the folder...). */
@FunctionalInterface
public interface Block {
    void run(String[] args) throws Exception;
}
