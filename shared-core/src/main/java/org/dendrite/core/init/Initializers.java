package org.dendrite.core.init;

import java.util.List;
import java.util.Locale;

/** Looks initializers up by the names used in specs and options. */
public final class Initializers {
    private Initializers() {}

    public static final List<Initializer> ALL = List.of(new Constant(0f), new Normal(), new Uniform(),
            Initializer.XAVIER_UNIFORM, Initializer.XAVIER_NORMAL, Initializer.HE_UNIFORM, Initializer.HE_NORMAL,
            Initializer.LECUN_UNIFORM, Initializer.LECUN_NORMAL);

    /** The initializer called {@code name} ("glorot_*" is accepted for "xavier_*"). */
    public static Initializer byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace("glorot", "xavier");
        for (Initializer i : ALL) {
            if (i.name().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown initializer '" + name + "'; allowed: zeros, constant, normal, uniform, "
                + "xavier_uniform, xavier_normal, he_uniform, he_normal, lecun_uniform, lecun_normal");
    }
}
