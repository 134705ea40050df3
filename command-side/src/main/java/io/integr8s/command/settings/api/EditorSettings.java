package io.integr8s.command.settings.api;

/** The code editor's preferences (the contract's EditorSettings). */
public record EditorSettings(int fontSize, int tabSize, boolean useTabs, boolean wordWrap, boolean showLineNumbers) {

    /** A user who never changed them. */
    public static final EditorSettings DEFAULTS = new EditorSettings(14, 4, false, true, true);
}
