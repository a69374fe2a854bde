package org.filiere.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code V###__description.cypher} file: its version, statements and checksum. */
public record Migration(int version, String description, String fileName, String checksum, List<String> statements) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_\\-]+)\\.cypher");

    public static boolean isMigrationFile(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    public static Migration parse(String fileName, String content) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a migration file name (V###__description.cypher): " + fileName);
        }
        String normalised = content.replace("\r\n", "\n");
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), fileName,
                sha256(normalised), split(normalised));
    }

    /** Statements end with a semicolon at the end of a line, as cypher-shell reads them; {@code //} lines are comments. */
    static List<String> split(String content) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : content.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
