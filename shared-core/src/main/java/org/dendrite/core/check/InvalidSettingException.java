package org.dendrite.core.check;

/**
 * A configuration value the core refuses, with the name of the setting it concerns (the record
 * component, e.g. {@code learningRate}, {@code epochs}), so a wrapper can name its own option for
 * it (Weka's {@code -lr}, Spark's {@code learningRate} param) without parsing the message.
 */
public class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting's name as the core's records call it. */
    public String setting() {
        return setting;
    }
}
