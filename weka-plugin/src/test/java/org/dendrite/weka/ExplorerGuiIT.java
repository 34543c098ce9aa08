package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dendrite.weka.layer.LayerOption;
import org.dendrite.weka.optim.OptimizerOption;
import org.dendrite.weka.schedule.ScheduleOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Weka Explorer under Xvfb with the package installed by Weka's package manager: Dendrite
 * is discovered by the GenericObjectEditor, chosen in the Classify tab, its option editor opens; the
 * class discovery lists every optimizer, schedule and layer class under its base class with the
 * GenericObjectEditor (GenericArrayEditor for the layer list) registered for it; and a screenshot
 * (weka-plugin/target/explorer.png) is not blank. Needs Xvfb on PATH (bin/test installs it, or names the
 * package to install, before the build starts: bin/ensure-system-packages).
 */
class ExplorerGuiIT {
    /** The first {@code Xvfb} on PATH, where bin/ensure-system-packages looks for it too; null if none. */
    private static Path xvfbOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "Xvfb");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    @Test
    void dendriteAppearsInTheExplorer(@TempDir Path home) throws Exception {
        Path xvfbBinary = xvfbOnPath();
        assertTrue(xvfbBinary != null, "Xvfb is required on PATH for the GUI test (bin/test installs it: Debian package xvfb)");
        assertEquals(0, WekaProcesses.install(home, WekaPackageIT.zip()).exit());
        int display = 90 + (int) (ProcessHandle.current().pid() % 9);
        Process xvfb = new ProcessBuilder(xvfbBinary.toString(), ":" + display, "-screen", "0", "1024x768x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(home.resolve("xvfb.log").toFile()).start();
        try {
            Thread.sleep(1500);
            assertTrue(xvfb.isAlive(), "Xvfb did not start: " + Files.readString(home.resolve("xvfb.log")));
            Path shot = Path.of(System.getProperty("dendrite.buildDir", "target"), "explorer.png").toAbsolutePath();
            Files.createDirectories(shot.getParent());
            // only the probe's class files: Weka's class discovery scans every classpath entry
            Path probeDir = home.resolve("probe");
            Path classes = Path.of(ExplorerProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path pkg = Path.of("org", "dendrite", "weka");
            Files.createDirectories(probeDir.resolve(pkg));
            try (var files = Files.list(classes.resolve(pkg))) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("ExplorerProbe"))::iterator) {
                    Files.copy(f, probeDir.resolve(pkg).resolve(f.getFileName()));
                }
            }
            String cp = WekaProcesses.wekaClasspath() + File.pathSeparator + probeDir;
            WekaProcesses.Result r = WekaProcesses.java(home, 240, List.of("-Dweka.packageManager.offline=true", "-cp", cp,
                    ExplorerProbe.class.getName(), shot.toString()), Map.of("DISPLAY", ":" + display, "HEADLESS", "false"));
            System.out.println(r.output());
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("LISTED weka.classifiers.functions.Dendrite"), r.output());
            assertTrue(r.output().contains("CHOSEN weka.classifiers.functions.Dendrite"), r.output());
            assertTrue(r.output().contains("SCREENSHOT"), r.output());
            // the package's GenericPropertiesCreator.props and GUIEditors.props took effect: every option class is offered
            // under its base class, chosen and edited like SMO's kernel, the layer list in the GenericArrayEditor
            Map<String, List<? extends NestedOption<?>>> families = Map.of(ExplorerProbe.FAMILIES[0], OptimizerOption.all(),
                    ExplorerProbe.FAMILIES[1], ScheduleOption.all(), ExplorerProbe.FAMILIES[2], LayerOption.all(), ExplorerProbe.FAMILIES[3],
                    org.dendrite.weka.search.SearchOption.all());
            for (var f : families.entrySet()) {
                Matcher m = Pattern.compile("FAMILY " + Pattern.quote(f.getKey()) + ": (.*)").matcher(r.output());
                assertTrue(m.find(), r.output());
                Set<String> expected = new TreeSet<>();
                for (NestedOption<?> o : f.getValue()) expected.add(o.getClass().getName());
                assertEquals(expected, new TreeSet<>(List.of(m.group(1).trim().split(","))), f.getKey());
                assertTrue(r.output().contains("EDITOR " + f.getKey() + " weka.gui.GenericObjectEditor"), r.output());
            }
            assertTrue(r.output().contains("EDITOR [Lorg.dendrite.weka.layer.LayerOption; weka.gui.GenericArrayEditor"), r.output());
            assertTrue(r.output().contains("OPTIMIZER org.dendrite.weka.optim.Adam"), r.output());
            BufferedImage img = ImageIO.read(shot.toFile());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 4) for (int x = 0; x < img.getWidth(); x += 4) colours.add(img.getRGB(x, y));
            assertTrue(colours.size() > 20, "the screenshot shows windows, not a blank screen: " + colours.size() + " colours");
        } finally {
            xvfb.destroy();
            if (!xvfb.waitFor(10, TimeUnit.SECONDS)) xvfb.destroyForcibly();
        }
    }
}
