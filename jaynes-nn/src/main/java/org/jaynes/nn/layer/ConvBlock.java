package org.jaynes.nn.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One block of a convolutional network: a {@code kernel}×{@code kernel} convolution with {@code channels} outputs,
 * {@code stride} and zero {@code padding} on every side, then the activation and a 2×2 max-pool (see
 * {@link Network#cnn}). It parses and prints itself as {@code CHANNELS[:KxK][/STRIDE][pPADDING]}:
 * {@code 16} is 16 channels 3×3, stride 1, padding 1; {@code 16:5x5/2} is 5×5 with stride 2 and padding 2;
 * {@code 16:5x5/2p0} the same without padding. An absent padding is ⌊k/2⌋, which keeps the size for odd k at
 * stride 1 (PyTorch's {@code padding="same"}).
 *
 * @param channels output channels, at least 1
 * @param kernel   side of the square kernel, at least 1
 * @param stride   step between output positions, at least 1
 * @param padding  zeros added on every side, at least 0
 */
public record ConvBlock(int channels, int kernel, int stride, int padding) {

    /** The kernel side of a block that names only its channels. */
    public static final int DEFAULT_KERNEL = 3;

    private static final Pattern SPELLING = Pattern.compile("(\\d+)(?::(\\d+)x(\\d+))?(?:/(\\d+))?(?:p(\\d+))?");
    private static final String FORM = "CHANNELS[:KxK][/STRIDE][pPADDING], e.g. 16 or 16:5x5/2 or 16:5x5/2p0";

    public ConvBlock {
        if (channels < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a conv block needs positive channels, "
                    + "kernel and stride and a non-negative padding, not %d channels, kernel %d, stride %d, padding "
                    + "%d", channels, kernel, stride, padding));
        }
    }

    /** {@code channels} outputs of a 3×3 convolution, stride 1, padding 1. */
    public static ConvBlock of(int channels) {
        return new ConvBlock(channels, DEFAULT_KERNEL, 1, DEFAULT_KERNEL / 2);
    }

    /** One 3×3, stride 1, padding 1 block per channel count. */
    public static List<ConvBlock> of(int... channels) {
        List<ConvBlock> blocks = new ArrayList<>();
        for (int c : channels) {
            blocks.add(of(c));
        }
        return List.copyOf(blocks);
    }

    /**
     * A block from its spelling ({@link ConvBlock above}).
     *
     * @throws IllegalArgumentException naming the text and the accepted form when it is not one
     */
    public static ConvBlock parse(String text) {
        Matcher m = SPELLING.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s' is not a conv block: expected %s",
                    text.trim(), FORM));
        }
        try {
            int channels = Integer.parseInt(m.group(1));
            int kernel = m.group(2) == null ? DEFAULT_KERNEL : Integer.parseInt(m.group(2));
            if (m.group(3) != null && Integer.parseInt(m.group(3)) != kernel) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s': the kernel must be square, not "
                        + "%sx%s", text.trim(), m.group(2), m.group(3)));
            }
            int stride = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            int padding = m.group(5) == null ? kernel / 2 : Integer.parseInt(m.group(5));
            return new ConvBlock(channels, kernel, stride, padding);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s' has a number too large for a conv "
                    + "block", text.trim()), e);
        }
    }

    /** Blocks separated by commas, e.g. {@code 8,16} or {@code 16:5x5/2,32}; blank gives none. */
    public static List<ConvBlock> parseList(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<ConvBlock> blocks = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            blocks.add(parse(part));
        }
        return List.copyOf(blocks);
    }

    /** Blocks as {@link #parseList} reads them: {@code 8,16:5x5/2}. */
    public static String toString(List<ConvBlock> blocks) {
        return String.join(",", blocks.stream().map(ConvBlock::toString).toList());
    }

    /** The shortest spelling that {@link #parse} reads back as this block: {@code 16}, {@code 16:5x5/2p0}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(channels);
        if (kernel != DEFAULT_KERNEL) {
            text.append(':').append(kernel).append('x').append(kernel);
        }
        if (stride != 1) {
            text.append('/').append(stride);
        }
        if (padding != kernel / 2) {
            text.append('p').append(padding);
        }
        return text.toString();
    }
}
