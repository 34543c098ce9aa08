package org.dendrite.weka;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts Weka in separate JVMs the way a user would, each with a time bound, and collects the output. */
final class WekaProcesses {
    private WekaProcesses() {}

    /** The result of one process: exit code and combined output. */
    record Result(int exit, String output) {}

    /**
     * Weka's own runtime classpath: this test JVM's classpath without Dendrite's classes and
     * dependencies (the installed package must bring those) and without the test frameworks.
     */
    static String wekaClasspath() {
        List<String> keep = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.contains("/org/dendrite/") || n.contains("/target/") || n.contains("jackson") || n.contains("/dev/ludovic/")
                    || n.contains("arpack_combined") || n.contains("junit") || n.contains("opentest4j") || n.contains("apiguardian")
                    || n.contains("surefire") || n.contains("failsafe") || n.endsWith("-tests.jar")) {
                continue;
            }
            keep.add(e);
        }
        return String.join(File.pathSeparator, keep);
    }

    /** Runs {@code java <args>} with WEKA_HOME (and user.home) at {@code wekaHome}, killing it after {@code seconds}. */
    static Result java(Path wekaHome, long seconds, List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Duser.home=" + wekaHome);
        cmd.add("-Djava.awt.headless=" + env.getOrDefault("HEADLESS", "true"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WEKA_HOME", wekaHome.toString());
        env.forEach((k, v) -> {
            if (!k.equals("HEADLESS")) pb.environment().put(k, v);
        });
        Path log = Files.createTempFile("weka-process", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("Timed out after " + seconds + " s: " + cmd + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** Installs the package zip with Weka's real package manager into {@code wekaHome}. */
    static Result install(Path wekaHome, Path zip) throws IOException, InterruptedException {
        return java(wekaHome, 180, List.of("-cp", wekaClasspath(), "weka.core.WekaPackageManager", "-offline", "-install-package",
                zip.toString()), Map.of());
    }
}
