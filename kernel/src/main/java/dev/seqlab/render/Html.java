package dev.seqlab.render;

/** Small HTML helpers shared by the renderers. */
public final class Html {

    private Html() {}

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text the text (null gives "")
     * @return the escaped text
     */
    public static String escape(Object text) {
        if (text == null) {
            return "";
        }
        String s = text.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
