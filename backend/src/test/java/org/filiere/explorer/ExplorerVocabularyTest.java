package org.filiere.explorer;

import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer's type lists (filters, legend, curation forms) are written out in style.js; they
 * must name every type the API can return, or an imported Person's directorships would show
 * without a colour, a filter or a choice in the forms.
 */
class ExplorerVocabularyTest {

    @Test
    void lists_every_relationship_type_of_the_api_and_gives_each_a_colour_group() throws IOException {
        String style = styleJs();
        Set<String> listed = quoted(constant(style, "REL_TYPES", "]"));
        Set<String> grouped = quoted(constant(style, "REL_GROUPS", "];"));
        Set<String> api = names(RelType.values());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(api);
        assertThat(grouped).containsAll(api);
    }

    @Test
    void lists_every_node_type_of_the_api_with_a_colour_and_a_shape() throws IOException {
        String style = styleJs();
        Set<String> api = names(NodeType.values());
        assertThat(quoted(constant(style, "NODE_TYPES", "]"))).containsExactlyInAnyOrderElementsOf(api);
        assertThat(keys(constant(style, "TYPE_COLOURS", "}"))).containsAll(api);
        assertThat(keys(constant(style, "TYPE_SHAPES", "}"))).containsAll(api);
    }

    private static String styleJs() throws IOException {
        try (InputStream in = ExplorerVocabularyTest.class.getResourceAsStream("/META-INF/resources/js/style.js")) {
            assertThat(in).as("style.js on the classpath (frontend jar)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String constant(String source, String name, String end) {
        int start = source.indexOf("export const " + name + " =");
        assertThat(start).as(name + " in style.js").isNotNegative();
        return source.substring(start, source.indexOf(end, start) + 1);
    }

    private static Set<String> quoted(String text) {
        return all(Pattern.compile("'([A-Za-z_]+)'").matcher(text));
    }

    private static Set<String> keys(String text) {
        return all(Pattern.compile("\\b([A-Za-z]+):").matcher(text));
    }

    private static Set<String> all(Matcher m) {
        Set<String> found = new LinkedHashSet<>();
        while (m.find()) found.add(m.group(1));
        return found;
    }

    private static Set<String> names(Enum<?>[] values) {
        return new LinkedHashSet<>(Arrays.stream(values).map(Enum::name).toList());
    }
}
