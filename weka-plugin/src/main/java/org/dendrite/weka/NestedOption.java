package org.dendrite.weka;

import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.dendrite.core.check.InvalidSettingException;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 * A Weka option object that stands for one immutable core config (an optimizer, a schedule, a
 * layer spec), edited in the GenericObjectEditor and written on the command line as a class name
 * followed by its options, e.g. {@code "org.dendrite.weka.optim.Adam -lr 0.003"}. Its options come
 * from {@link weka.core.OptionMetadata} on bean getters (the annotation's description is the GUI's
 * tool tip); setters only store values, and {@link #toCore()} builds the core record, whose
 * constructor validates. Bean property names match the record's component names, so a core validation error is
 * reported with the command-line option it concerns.
 *
 * @param <T> the core config type
 */
public abstract class NestedOption<T> implements OptionHandler, Serializable {
    private static final long serialVersionUID = 1L;

    /** What this option object configures (the GUI's "About" text): the formula and the paper. */
    public abstract String globalInfo();

    /** The core config; its constructor validates (called by {@link #toCore()}). */
    protected abstract T build();

    /**
     * The immutable core config these options describe.
     *
     * @throws IllegalArgumentException when the core rejects a value; the message names the option
     */
    public final T toCore() {
        return translated(this::build);
    }

    /**
     * Runs {@code work} (which builds or checks core records from these options), the core's
     * validation errors rewritten to name this class's option as {@link #toCore()} does.
     */
    protected final <R> R translated(java.util.function.Supplier<R> work) {
        try {
            return work.get();
        } catch (InvalidSettingException e) {
            // the core names the record component; this class's bean property of that name is the option
            String option = OptionSupport.optionOf(getClass(), e.setting());
            throw new IllegalArgumentException(getClass().getSimpleName() + (option == null ? "" : " option -" + option) + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Enumeration<Option> listOptions() {
        return Collections.enumeration(OptionSupport.listInDisplayOrder(getClass(), NestedOption.class));
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        OptionSupport.check(options, this);
        Option.setOptionsForHierarchy(options, this, NestedOption.class);
        Utils.checkForRemainingOptions(options);
    }

    @Override
    public String[] getOptions() {
        return OptionSupport.inDisplayOrder(Option.getOptionsForHierarchy(this, NestedOption.class), getClass());
    }

    /** The option string that reads back as this object: class name and options. */
    @Override
    public String toString() {
        return (getClass().getName() + " " + Utils.joinOptions(getOptions())).trim();
    }

    // ---- helpers shared by the families ----

    /** The values of an enum as Weka tags (dropdown in the GUI, lower-case names on the command line). */
    protected static <E extends Enum<E>> SelectedTag tag(E value) {
        E[] all = value.getDeclaringClass().getEnumConstants();
        Tag[] tags = new Tag[all.length];
        for (int i = 0; i < all.length; i++) tags[i] = new Tag(i, all[i].name().toLowerCase(Locale.ROOT));
        return new SelectedTag(value.ordinal(), tags);
    }

    /** The enum constant a tag selects. */
    protected static <E extends Enum<E>> E value(SelectedTag tag, Class<E> type) {
        return Enum.valueOf(type, tag.getSelectedTag().getReadable().toUpperCase(Locale.ROOT));
    }

    /** A two-way choice as Weka tags (for a boolean whose default is true: a command-line flag can only default to false). */
    protected static SelectedTag choice(boolean value, String whenTrue, String whenFalse) {
        return new SelectedTag(value ? 0 : 1, new Tag[] {new Tag(0, whenTrue), new Tag(1, whenFalse)});
    }

    /** Whether a {@link #choice} tag selects its first option. */
    protected static boolean chosen(SelectedTag tag, String whenTrue) {
        return tag.getSelectedTag().getReadable().equals(whenTrue);
    }

    /** Used by the families' {@code of} methods: the one option class for a core config, or a clear error. */
    protected static IllegalArgumentException unsupported(Object core) {
        return new IllegalArgumentException("No Weka option class for " + core + "; use -config-json");
    }
}
