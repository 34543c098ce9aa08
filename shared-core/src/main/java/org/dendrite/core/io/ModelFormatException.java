package org.dendrite.core.io;

/** A model or spec file that cannot be read: malformed, truncated, from a newer format, or naming unknown types. */
public final class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
