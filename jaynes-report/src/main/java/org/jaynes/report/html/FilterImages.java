package org.jaynes.report.html;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The filters of a restricted Boltzmann machine as {@code <img>} elements holding PNG {@code data:} URIs
 * (inline, nothing fetched). Each filter is scaled on its own, symmetrically: with m = max |w| of the
 * filter, w = −m is blue (#2166ac), 0 white, +m red (#b2182b), linear in between; a filter of zeros (or
 * of non-finite values) is white. One image pixel per weight, enlarged by the browser without smoothing.
 * The PNG bytes depend only on the values (javax.imageio writes no time stamp). Cost: O(pixels); a
 * 28 × 28 filter takes about 2 kB of page. Thread-safe.
 */
final class FilterImages {

    /** Displayed width of one filter in CSS pixels. */
    static final int DISPLAY_WIDTH = 84;
    private static final int[] NEGATIVE = {0x21, 0x66, 0xac};
    private static final int[] POSITIVE = {0xb2, 0x18, 0x2b};

    private FilterImages() {
    }

    /** A {@code <div class="filters">} of one image per filter, titled "hidden unit j" (j from 1). */
    static String of(NeuronGameInput.Filters filters) {
        List<double[]> images = filters.images();
        int height = Math.max(1, Math.round((float) DISPLAY_WIDTH * filters.height() / filters.width()));
        StringBuilder out = new StringBuilder(images.size() * 2800);
        out.append("<div class=\"filters\">");
        for (int j = 0; j < images.size(); j++) {
            String name = "hidden unit " + (j + 1);
            out.append("<img src=\"data:image/png;base64,").append(png(images.get(j), filters.width(),
                    filters.height())).append("\" width=\"").append(DISPLAY_WIDTH).append("\" height=\"")
                    .append(height).append("\" alt=\"").append(name).append("\" title=\"").append(name)
                    .append(", max |w| ").append(HtmlEscape.text(HumanNumbers.format(maxAbs(images.get(j)))))
                    .append("\"/>");
        }
        return out.append("</div>").toString();
    }

    /** The filter as base64 PNG. */
    static String png(double[] values, int width, int height) {
        double m = maxAbs(values);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, colour(m > 0 ? values[y * width + x] / m : 0));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG into memory", e); // a ByteArrayOutputStream does not fail
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The RGB of t in [−1, 1] on the blue–white–red scale; white for NaN. */
    static int colour(double t) {
        if (!Double.isFinite(t)) {
            return 0xffffff;
        }
        double a = Math.min(1, Math.abs(t));
        int[] end = t < 0 ? NEGATIVE : POSITIVE;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = rgb << 8 | (int) Math.round(255 + a * (end[c] - 255));
        }
        return rgb;
    }

    /** max |w| over the finite values; 0 when there are none. */
    static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
