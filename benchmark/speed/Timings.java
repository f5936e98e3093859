package speed;

import java.util.ArrayList;
import java.util.List;

/**
 * The warm runs of one command. Other programs share this machine's cores, so a run can only
 * be slowed, never sped up, by them: the fastest run is the best estimate of the command's own
 * cost, and is the figure ratios are made of. The median is shown beside it.
 */
public final class Timings {

    private final String label;
    private final List<Stopwatch.Sample> samples = new ArrayList<>();

    public Timings(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public void add(Stopwatch.Sample sample) {
        samples.add(sample);
    }

    public double min() {
        return samples.stream().mapToDouble(Stopwatch.Sample::millis).min().orElse(Double.NaN);
    }

    public double median() {
        return median(samples.stream().map(Stopwatch.Sample::millis).toList());
    }

    /** The largest resident set seen in any run, in MB; 0 when not measured. */
    public double peakMb() {
        return samples.stream().mapToLong(Stopwatch.Sample::peakKb).max().orElse(0) / 1024.0;
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
