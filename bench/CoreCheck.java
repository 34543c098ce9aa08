/**
 * How much compute this machine's cores give side by side: one JVM runs a compute-bound float loop
 * (a working set in the L1/L2 cache) alone, then two JVMs run it at once; the printed ratio is the
 * two's summed throughput over the one's. On an idle machine with two free cores it is about 2; on a
 * shared host it is lower and varies from minute to minute, which bounds any scaling measured beside
 * it (bench/spark-mlpc's 1-vs-2-worker rows). Run by bench/cores.
 */
public final class CoreCheck {
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--burn")) {
            System.out.println(burn(Integer.parseInt(args[1]), Double.parseDouble(args[2])));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        for (int r = 1; r <= rounds; r++) {
            double one = sum(1, seconds), two = sum(2, seconds);
            System.out.printf(java.util.Locale.ROOT, "round %d: one process %.0f, two processes %.0f million updates/s: ratio %.2f%n", r, one, two,
                    two / one);
        }
    }

    /** The summed throughput of {@code k} JVMs running {@link #burn} at once. */
    private static double sum(int k, double seconds) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String src = "bench/CoreCheck.java";
        java.util.List<Process> ps = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            ps.add(new ProcessBuilder(java, src, "--burn", "16384", Double.toString(seconds)).redirectErrorStream(true).start());
        }
        double total = 0;
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) throw new IllegalStateException("a worker process failed: " + out);
            total += Double.parseDouble(out);
        }
        return total;
    }

    /** Million updates y = 0.999 y + x per second over {@code n} floats for {@code seconds}, after 2 s of warm-up. */
    static double burn(int n, double seconds) {
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) x[i] = i * 1e-6f;
        long warm = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warm) pass(x, y);
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9), passes = 0;
        while (System.nanoTime() < end) {
            pass(x, y);
            passes++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (Float.isNaN(y[0])) throw new IllegalStateException("NaN");
        return passes * (double) n / s / 1e6;
    }

    private static void pass(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) y[i] = y[i] * 0.999f + x[i];
    }
}
