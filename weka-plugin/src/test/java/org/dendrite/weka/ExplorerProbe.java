package org.dendrite.weka;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * Runs in its own JVM under Xvfb with only Weka on the classpath (plus this class): loads the
 * installed packages, asks the GenericObjectEditor's class discovery for the classifiers, opens the
 * real Weka Explorer with Dendrite chosen in the Classify tab and its option editor, and saves a
 * screenshot. Prints "LISTED <class>" when Dendrite is discovered and "SCREENSHOT <file>" at the end.
 */
public final class ExplorerProbe {
    private ExplorerProbe() {}

    public static void main(String[] args) throws Exception {
        String shot = args[0];
        weka.core.WekaPackageManager.loadPackages(false, true, false);
        // the GenericObjectEditor's own class discovery (what fills the Explorer's classifier tree)
        weka.gui.GenericObjectEditor.determineClasses();
        String classifiers = weka.gui.GenericPropertiesCreator.getGlobalOutputProperties().getProperty("weka.classifiers.Classifier", "");
        for (String n : classifiers.split(",")) {
            if (n.trim().equals("weka.classifiers.functions.Dendrite")) System.out.println("LISTED " + n.trim());
        }
        Object dendrite = weka.core.WekaPackageClassLoaderManager.objectForName("weka.classifiers.functions.Dendrite");
        JFrame[] frame = new JFrame[1];
        SwingUtilities.invokeAndWait(() -> {
            weka.gui.explorer.Explorer explorer = new weka.gui.explorer.Explorer();
            frame[0] = new JFrame("Weka Explorer");
            frame[0].getContentPane().add(explorer);
            frame[0].setSize(1024, 768);
            frame[0].setVisible(true);
            for (weka.gui.explorer.Explorer.ExplorerPanel p : explorer.getPanels()) {
                if (p instanceof weka.gui.explorer.ClassifierPanel cp) {
                    explorer.getTabbedPane().setSelectedComponent(cp);
                    try {
                        java.lang.reflect.Field f = weka.gui.explorer.ClassifierPanel.class.getDeclaredField("m_ClassifierEditor");
                        f.setAccessible(true);
                        weka.gui.GenericObjectEditor goe = (weka.gui.GenericObjectEditor) f.get(cp);
                        goe.setValue(dendrite);
                        System.out.println("CHOSEN " + goe.getValue().getClass().getName());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            weka.gui.PropertySheetPanel sheet = new weka.gui.PropertySheetPanel();
            sheet.setTarget(dendrite);
            JFrame editor = new JFrame("Dendrite options");
            editor.getContentPane().add(sheet);
            editor.setBounds(520, 120, 480, 620);
            editor.setVisible(true);
            System.out.println("EDITOR properties " + sheet.editableProperties());
        });
        Thread.sleep(2500);
        Robot robot = new Robot();
        BufferedImage img = robot.createScreenCapture(new Rectangle(0, 0, 1024, 768));
        ImageIO.write(img, "png", new File(shot));
        System.out.println("SCREENSHOT " + shot);
        System.exit(0);
    }
}
