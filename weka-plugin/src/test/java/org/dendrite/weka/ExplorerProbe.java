package org.dendrite.weka;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.beans.PropertyEditor;
import java.beans.PropertyEditorManager;
import java.io.File;
import java.lang.reflect.Array;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * Runs in its own JVM under Xvfb with only Weka on the classpath (plus this class), started the way
 * the Explorer starts: the GenericObjectEditor's class discovery loads the installed packages
 * (merging their GenericPropertiesCreator.props and GUIEditors.props). Prints what the discovery
 * lists for the classifiers ("LISTED <class>") and for each family of Dendrite's option objects
 * ("FAMILY <base class>: <classes>"), the editor registered for each option type ("EDITOR <type>
 * <editor>"), opens the real Weka Explorer with Dendrite chosen in the Classify tab, Dendrite's
 * option editor and the optimizer's GenericObjectEditor, and saves a screenshot ("SCREENSHOT <file>").
 */
public final class ExplorerProbe {
    static final String[] FAMILIES = {"org.dendrite.weka.optim.OptimizerOption", "org.dendrite.weka.schedule.ScheduleOption",
        "org.dendrite.weka.layer.LayerOption", "org.dendrite.weka.search.SearchOption"};

    private ExplorerProbe() {}

    public static void main(String[] args) throws Exception {
        String shot = args[0];
        // as weka.gui.explorer.Explorer.main: the GenericObjectEditor's class discovery (what fills the classifier tree
        // and every "Choose" dialog); loading it loads the packages
        weka.gui.GenericObjectEditor.determineClasses();
        java.util.Properties discovered = weka.gui.GenericPropertiesCreator.getGlobalOutputProperties();
        for (String n : discovered.getProperty("weka.classifiers.Classifier", "").split(",")) {
            if (n.trim().equals("weka.classifiers.functions.Dendrite")) System.out.println("LISTED " + n.trim());
        }
        for (String family : FAMILIES) {
            System.out.println("FAMILY " + family + ": " + discovered.getProperty(family, "").replaceAll("\\s", ""));
            Class<?> base = weka.core.WekaPackageClassLoaderManager.forName(family);
            for (Class<?> type : new Class<?>[] {base, Array.newInstance(base, 0).getClass()}) {
                PropertyEditor e = PropertyEditorManager.findEditor(type);
                System.out.println("EDITOR " + type.getName() + " " + (e == null ? "none" : e.getClass().getName()));
            }
        }
        Object dendrite = weka.core.WekaPackageClassLoaderManager.objectForName("weka.classifiers.functions.Dendrite");
        Object optimizer = dendrite.getClass().getMethod("getOptimizer").invoke(dendrite);
        Class<?> optimizerBase = weka.core.WekaPackageClassLoaderManager.forName(FAMILIES[0]);
        SwingUtilities.invokeAndWait(() -> {
            weka.gui.explorer.Explorer explorer = new weka.gui.explorer.Explorer();
            JFrame frame = new JFrame("Weka Explorer");
            frame.getContentPane().add(explorer);
            frame.setSize(1024, 768);
            frame.setVisible(true);
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
            editor.setBounds(520, 60, 480, 560);
            editor.setVisible(true);
            System.out.println("EDITOR properties " + sheet.editableProperties());

            // what "optimizer" in that sheet opens: the GenericObjectEditor, as for SMO's kernel
            weka.gui.GenericObjectEditor optimizerEditor = new weka.gui.GenericObjectEditor();
            optimizerEditor.setClassType(optimizerBase);
            optimizerEditor.setValue(optimizer);
            JFrame optimizerFrame = new JFrame("optimizer");
            optimizerFrame.getContentPane().add(optimizerEditor.getCustomEditor());
            optimizerFrame.setBounds(40, 380, 470, 360);
            optimizerFrame.setVisible(true);
            System.out.println("OPTIMIZER " + optimizerEditor.getValue().getClass().getName());
        });
        Thread.sleep(2500);
        Robot robot = new Robot();
        BufferedImage img = robot.createScreenCapture(new Rectangle(0, 0, 1024, 768));
        ImageIO.write(img, "png", new File(shot));
        System.out.println("SCREENSHOT " + shot);
        System.exit(0);
    }
}
