package org.dendrite.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;

/**
 * The one way the core reads a JSON document: model files, specs and configurations typed by users,
 * and any later file (checkpoints, search spaces). A document is read whole into memory but never
 * more than {@link #MAX_BYTES}, decoded as strict UTF-8 (a byte that is not UTF-8 is an error, never
 * a replacement character), and parsed as strict JSON (RFC 8259: no comments, no NaN literals, no
 * trailing commas, no duplicate keys, nothing after the value) within fixed limits on nesting,
 * number and string length. Every failure, here or in the reader given the document, is a
 * {@link ModelFormatException} whose message starts with the source (the file's path, or the name
 * given for a stream) and says what was found and what is allowed.
 *
 * <p>Memory: the bytes, their decoded text and the parsed tree are each a small multiple of the
 * document's size, so reading costs a bounded multiple of the size (docs/model-format.md, "How a model file is read, and the limits").
 */
final class JsonInput {
    /** The largest document read (1 GiB); larger ones are refused before anything is read. */
    static final long MAX_BYTES = 1L << 30;
    /** The deepest nesting of arrays and objects (a model file needs 6). */
    static final int MAX_DEPTH = 100;
    /** The most characters in one number. */
    static final int MAX_NUMBER_LENGTH = 1000;
    /** The most characters in one string. */
    static final int MAX_STRING_LENGTH = 1_000_000;

    /**
     * Floats are parsed as exact decimals (so each float32 written with its shortest repr reads back bit
     * for bit); readers convert them with {@link JsonValue}, which never turns a decimal into an integer
     * (a BigDecimal with a huge exponent would take unbounded time and memory).
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // messages name the source themselves and never quote the document
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonInput() {}

    /** Reads the file, then applies {@code reader} to its document; every error names the file. */
    static <T> T read(Path file, Function<JsonValue, T> reader) throws IOException {
        String source = file.toString();
        return apply(source, parse(decode(bytes(file, source), source), source), reader);
    }

    /** Reads the stream to its end (not closing it), then applies {@code reader}; every error names {@code source}. */
    static <T> T read(InputStream in, String source, Function<JsonValue, T> reader) throws IOException {
        return apply(source, parse(decode(bytes(in, source), source), source), reader);
    }

    /** Parses text already in memory (a spec typed by a user, a string handed over by a caller). */
    static <T> T parse(String text, String source, Function<JsonValue, T> reader) {
        return apply(source, parse(text, source), reader);
    }

    /**
     * Applies {@code reader}, prefixing the source to the message of any format error, including the
     * validation errors of the core's constructors (IllegalArgumentException) a reader lets through.
     */
    static <T> T apply(String source, JsonNode root, Function<JsonValue, T> reader) {
        try {
            return reader.apply(JsonValue.root(root));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file, String source) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source + " does not exist (expected a Dendrite JSON file)");
        } catch (AccessDeniedException e) {
            throw new IOException(source + " cannot be read: permission denied", e);
        }
        if (a.isDirectory()) {
            throw new ModelFormatException(source + " is a directory, not a file (expected a Dendrite JSON file)");
        }
        if (!a.isRegularFile()) {
            throw new ModelFormatException(source + " is not a regular file (expected a Dendrite JSON file)");
        }
        if (a.size() > MAX_BYTES) {
            throw new ModelFormatException(source + " is " + a.size() + " bytes; files of at most " + MAX_BYTES + " bytes (1 GiB) are read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return bytes(in, source);
        } catch (AccessDeniedException e) {
            throw new IOException(source + " cannot be read: permission denied", e);
        }
    }

    private static byte[] bytes(InputStream in, String source) throws IOException {
        // readNBytes grows its buffers as data arrives: a short stream costs little whatever the limit
        byte[] b = in.readNBytes((int) MAX_BYTES + 1);
        if (b.length > MAX_BYTES) {
            throw new ModelFormatException(source + " is longer than " + MAX_BYTES + " bytes (1 GiB), the most that is read");
        }
        return b;
    }

    /** Strict UTF-8 (an initial byte order mark is skipped); an invalid byte is an error naming its offset and line. */
    static String decode(byte[] bytes, String source) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isOverflow()) {
            throw new IllegalStateException("UTF-8 never decodes to more chars than bytes");
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new ModelFormatException(source + String.format(java.util.Locale.ROOT, " is not UTF-8 text: byte 0x%02x at offset %d (line %d) is not valid "
                    + "UTF-8; a Dendrite JSON file is UTF-8 text", bytes[at] & 0xff, at, line));
        }
        out.flip();
        if (out.hasRemaining() && out.get(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    /** Parses one JSON value (the whole text). */
    static JsonNode parse(String text, String source) {
        JsonParser p = null;
        try {
            p = MAPPER.createParser(text);
            JsonNode n = readTree(p);
            if (n == null || n.isMissingNode()) {
                throw new ModelFormatException(source + " is empty (expected a JSON value)");
            }
            return n;
        } catch (StreamConstraintsException e) {
            throw new ModelFormatException(source + " exceeds a limit of the JSON reader" + where(p, e) + ": " + clip(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + " is not valid JSON (truncated or malformed)" + where(p, e) + ": " + clip(e.getOriginalMessage()), e);
        } catch (NumberFormatException e) {
            // a number Jackson accepted lexically but cannot represent, e.g. an exponent beyond the int range
            throw new ModelFormatException(source + " is not valid JSON" + where(p, null) + ": a number cannot be read (" + clip(e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new IllegalStateException("No I/O happens when parsing text", e);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a parser over a string holds nothing to release
                }
            }
        }
    }

    /**
     * The document's tree as {@code MAPPER.readTree} builds it (floats as exact decimals, trailing zeros
     * stripped), except that a float written with a minus sign and worth zero ({@code -0.0}, a float32
     * weight written as it is) is the double -0.0: a decimal has no negative zero, and the sign was lost,
     * so a model or checkpoint with a negative-zero weight did not read back bit for bit. Null when the
     * text holds no value.
     */
    private static JsonNode readTree(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) return null;
        JsonNode n = value(p, t);
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new JsonParseException(p, "Trailing token (of type " + after + ") found after value");
        }
        return n;
    }

    /** The value starting at token {@code t} (nesting is bounded by the parser's constraints). */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) a.add(value(p, e));
                return a;
            }
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return f.numberNode(p.getIntValue());
                    case LONG: return f.numberNode(p.getLongValue());
                    default: return f.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT: {
                BigDecimal d = p.getDecimalValue();
                if (d.signum() == 0 && p.getText().startsWith("-")) return f.numberNode(-0.0d);
                try {
                    d = d.stripTrailingZeros();
                } catch (ArithmeticException e) {
                    // a scale beyond the int range when stripped: kept as written
                }
                return f.numberNode(d);
            }
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                throw new JsonParseException(p, "Unexpected token " + t);
        }
    }

    /** A parser's message, cut after 300 characters (it may quote the offending token). */
    private static String clip(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 300) + "...";
    }

    /** " at line L, column C ($.path)" for the error's location (or the parser's, when the error has none). */
    private static String where(JsonParser p, JsonProcessingException e) {
        JsonLocation loc = e == null ? null : e.getLocation();
        if (loc == null && p != null) {
            loc = p.currentLocation();
        }
        String at = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String path = p == null ? null : path(p.getParsingContext());
        return path == null ? at : at + " (" + path + ")";
    }

    /** The JSON path the parser is at, e.g. {@code $.parameters.output.bias[3]}, or null at the root. */
    private static String path(JsonStreamContext c) {
        java.util.ArrayDeque<JsonStreamContext> chain = new java.util.ArrayDeque<>();
        for (JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) chain.push(x);
        if (chain.isEmpty()) {
            return null;
        }
        String path = "$";
        int shown = 0;
        for (JsonStreamContext x : chain) {
            if (++shown > 12) {
                return path + "... (nested " + chain.size() + " deep)";
            }
            if (x.inArray()) {
                path += "[" + Math.max(0, x.getCurrentIndex()) + "]";
            } else if (x.getCurrentName() != null) {
                path = JsonValue.child(path, x.getCurrentName());
            }
        }
        return path;
    }
}
