package org.dendrite.weka;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 * What Weka's annotation-driven options ({@link Option#setOptions}, {@link Option#listOptions}) leave
 * out: strict parsing and the documentation of nested option objects.
 */
public final class OptionSupport {
    private OptionSupport() {}

    /**
     * Weka's {@link Option#setOptions} converts each option value by its property's type, but swallows
     * every failure (a word for a number, an unknown tag, an unknown or misspelt nested class or
     * nested option): the value is consumed and the default silently kept. This checks every
     * annotated option of {@code target} first, on a copy of {@code options}, the same conversions
     * (nested objects built with Weka's own {@link Utils#forName}, recursively strict), and throws
     * Weka's usual exception naming the option.
     */
    public static void check(String[] options, Object target) throws Exception {
        String[] copy = options.clone();
        for (PropertyDescriptor p : properties(target.getClass())) {
            OptionMetadata m = metadata(p);
            if (m == null || m.commandLineParamName().isEmpty() || m.commandLineParamIsFlag()) continue;
            String name = m.commandLineParamName();
            Class<?> type = p.getPropertyType();
            // Weka reads an empty value as the option left out: the value held (the default) was silently kept (-layer "" trained the
            // default network, -milestones "" kept 30,80); a text option whose value is empty already takes it
            boolean emptyKept = type != String.class || !"".equals(p.getReadMethod().invoke(target));
            for (int i = 0; i + 1 < copy.length && emptyKept; i++) {
                if (copy[i].equals("-" + name) && copy[i + 1].isEmpty()) {
                    throw new Exception("Option -" + name + " '': a value is required (Weka reads an empty value as the option left out, "
                            + "which keeps the value held: " + shown(p.getReadMethod().invoke(target)) + ")");
                }
            }
            for (String value = Utils.getOption(name, copy); !value.isEmpty(); value = type.isArray() ? Utils.getOption(name, copy) : "") {
                try {
                    checkValue(type.isArray() ? type.getComponentType() : type, value, p.getReadMethod().invoke(target));
                } catch (Exception e) {
                    throw new Exception("Option -" + name + " " + Utils.quote(value) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** An option's value as a command line gives it. */
    private static String shown(Object v) {
        if (v instanceof Object[] a) {
            StringJoiner all = new StringJoiner(", ");
            for (Object o : a) all.add(shown(o));
            return all.toString();
        }
        if (v instanceof OptionHandler o) return Utils.toCommandLine(o);
        if (v instanceof SelectedTag t) return t.getSelectedTag().getReadable();
        return Utils.quote(String.valueOf(v));
    }

    private static void checkValue(Class<?> type, String value, Object current) throws Exception {
        if (type == int.class || type == Integer.class) {
            wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (type == long.class || type == Long.class) {
            wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (type == double.class || type == Double.class) {
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new Exception("not a number");
            }
        } else if (type == SelectedTag.class) {
            StringJoiner allowed = new StringJoiner(", ");
            for (Tag t : ((SelectedTag) current).getTags()) {
                if (t.getReadable().equals(value.trim()) || String.valueOf(t.getID()).equals(value.trim())) return;
                allowed.add(t.getReadable());
            }
            throw new Exception("not one of " + allowed);
        } else if (OptionHandler.class.isAssignableFrom(type)) {
            String[] spec = Utils.splitOptions(value);
            if (spec.length == 0) throw new Exception("a class name with its options is required");
            String className = spec[0];
            spec[0] = "";
            Object made;
            try {
                made = Utils.forName(type, className, spec);
            } catch (ClassNotFoundException e) {
                throw new Exception("no class " + className + "; allowed: " + family(type));
            }
            // Weka's lookup also takes a class whose name merely ends with the one given ("adam" finds Nadam)
            if (!made.getClass().getName().equals(className) && !made.getClass().getSimpleName().equals(className)) {
                throw new Exception("no class " + className + " (Weka's lookup took it for " + made.getClass().getName() + "); give a class's "
                        + "name exactly: " + family(type));
            }
        }
    }

    /** Refuses {@code value} unless it is a whole number from {@code min} to {@code max}. */
    private static void wholeNumber(String value, long min, long max) throws Exception {
        java.math.BigInteger v;
        try {
            v = new java.math.BigInteger(value.trim());
        } catch (NumberFormatException e) {
            throw new Exception("not a whole number");
        }
        if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new Exception("out of range (a whole number from " + min + " to " + max + ")");
        }
    }

    /** The classes an option of {@code type} takes (its static {@code all()}, as {@code -help} lists them), by simple name. */
    private static String family(Class<?> type) {
        try {
            StringJoiner names = new StringJoiner(", ");
            for (Object o : (List<?>) type.getMethod("all").invoke(null)) names.add(o.getClass().getSimpleName());
            return names.toString();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return "a class implementing " + type.getName();
        }
    }

    /**
     * Weka's {@link Option#getOptions} in display order (it writes them alphabetically by property)
     * and without the trailing space it leaves after a nested object that has no options. Tokens
     * that are not annotated options of {@code c} (the superclass's) stay at the end, in order.
     */
    public static String[] inDisplayOrder(String[] raw, Class<?> c) {
        List<List<String>> groups = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            PropertyDescriptor p = raw[i].startsWith("-") ? property(c, raw[i].substring(1)) : null;
            if (p == null) {
                rest.add(raw[i]);
                continue;
            }
            OptionMetadata m = metadata(p);
            List<String> g = new ArrayList<>(List.of(raw[i]));
            if (!m.commandLineParamIsFlag() && i + 1 < raw.length) {
                String v = raw[++i];
                Class<?> t = p.getPropertyType();
                g.add(OptionHandler.class.isAssignableFrom(t.isArray() ? t.getComponentType() : t) ? v.trim() : v);
            }
            int at = 0;
            while (at < order.size() && order.get(at) <= m.displayOrder()) at++;
            groups.add(at, g);
            order.add(at, m.displayOrder());
        }
        List<String> out = new ArrayList<>();
        groups.forEach(out::addAll);
        out.addAll(rest);
        return out.toArray(new String[0]);
    }

    /** Weka's listing of the annotated options of {@code c} and its superclasses up to {@code oldest}, in display order. */
    public static List<Option> listInDisplayOrder(Class<?> c, Class<?> oldest) {
        List<Option> options = new ArrayList<>(Option.listOptionsForClassHierarchy(c, oldest));
        options.sort(Comparator.comparingInt(o -> metadata(property(c, o.name())).displayOrder()));
        return options;
    }

    /**
     * The documentation of a family of option objects for {@code -help}: for each class, a heading
     * with what it is and its defaults, then its options.
     */
    public static List<Option> describe(String optionName, List<? extends NestedOption<?>> defaults) {
        List<Option> out = new ArrayList<>();
        for (NestedOption<?> d : defaults) {
            out.add(new Option("\t" + d.globalInfo() + "\n\tIts options:", "", 0, "\n-" + optionName + " " + quoted(d.toString())
                    + "   (with its defaults)"));
            out.addAll(Collections.list(d.listOptions()));
        }
        return out;
    }

    /** {@code s} in double quotes, as one command-line option value. */
    public static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The read/write bean properties of {@code c}. */
    static List<PropertyDescriptor> properties(Class<?> c) {
        try {
            BeanInfo info = Introspector.getBeanInfo(c, Object.class);
            List<PropertyDescriptor> out = new ArrayList<>();
            for (PropertyDescriptor p : info.getPropertyDescriptors()) {
                if (p.getReadMethod() != null && p.getWriteMethod() != null) out.add(p);
            }
            return out;
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command-line name of {@code c}'s option whose bean property is {@code propertyName}, or null. */
    public static String optionOf(Class<?> c, String propertyName) {
        for (PropertyDescriptor p : properties(c)) {
            OptionMetadata m = metadata(p);
            if (m != null && p.getName().equals(propertyName) && !m.commandLineParamName().isEmpty()) return m.commandLineParamName();
        }
        return null;
    }

    /** The property behind the command-line option {@code optionName}, or null. */
    static PropertyDescriptor property(Class<?> c, String optionName) {
        for (PropertyDescriptor p : properties(c)) {
            OptionMetadata m = metadata(p);
            if (m != null && m.commandLineParamName().equals(optionName)) return p;
        }
        return null;
    }

    static OptionMetadata metadata(PropertyDescriptor p) {
        Method g = p.getReadMethod(), s = p.getWriteMethod();
        OptionMetadata m = g.getAnnotation(OptionMetadata.class);
        return m != null ? m : s.getAnnotation(OptionMetadata.class);
    }
}
