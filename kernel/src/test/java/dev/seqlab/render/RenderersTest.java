package dev.seqlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderersTest {

    /** A DSL-like class offering HTML without depending on the kernel. */
    public static final class Summary {
        public String toHtml() {
            return "<b>summary</b>";
        }

        @Override
        public String toString() {
            return "summary";
        }
    }

    /** A DSL-like figure offering images. */
    public static final class Picture {
        public byte[] png() {
            return new byte[] {1, 2, 3};
        }

        public String svg() {
            return "<svg/>";
        }
    }

    @Test
    void pngAndSvgMethodsAreHonoured() {
        Map<String, Object> b = new Renderers().render(new Picture());
        assertEquals("AQID", b.get("image/png"));
        assertEquals("<svg/>", b.get("image/svg+xml"));
        assertTrue(b.containsKey("text/plain"));
    }

    @Test
    void plainTextAlwaysPresent() {
        Map<String, Object> b = new Renderers().render(null);
        assertEquals("null", b.get("text/plain"));
        assertEquals("[1, 2]", new Renderers().render(new int[] {1, 2}).get("text/plain"));
    }

    @Test
    void mostSpecificRendererWins() {
        Renderers r = new Renderers()
                .register(Object.class, (v, b) -> b.put("text/html", "object"))
                .register(List.class, (v, b) -> b.put("text/html", "list"))
                .register(ArrayList.class, (v, b) -> b.put("text/html", "arraylist"));
        assertEquals("arraylist", r.render(new ArrayList<>()).get("text/html"));
        assertEquals("list", r.render(List.of(1)).get("text/html"));
        assertEquals("object", r.render("s").get("text/html"));
    }

    @Test
    void toHtmlMethodIsHonoured() {
        Map<String, Object> b = new Renderers().render(new Summary());
        assertEquals("<b>summary</b>", b.get("text/html"));
        assertEquals("summary", b.get("text/plain"));
    }

    @Test
    void failingRendererKeepsPlainText() {
        Renderers r = new Renderers().register(String.class, (v, b) -> {
            throw new IllegalStateException("boom");
        });
        Map<String, Object> b = r.render("x");
        assertEquals("x", b.get("text/plain"));
        assertFalse(b.containsKey("text/html"));
    }

    @Test
    void htmlEscapes() {
        assertTrue(Html.escape("<a & 'b'>").equals("&lt;a &amp; &#39;b&#39;&gt;"));
    }
}
