package org.jaynes.formats.gguf;

import java.nio.ByteBuffer;
import org.jaynes.core.tensor.Decoding;

/**
 * The block quantizations of ggml that jaynes dequantizes, each exactly as ggml's
 * {@code dequantize_row_*} defines it (ggml-quants.c) and the {@code gguf} Python package's
 * {@code quants.py} reproduces it: a block of {@link #blockSize()} consecutive values is stored in
 * {@link #bytesPerBlock()} bytes as half-precision (Q8_K: single-precision) scales and small integer
 * levels, and value {@code i} of the block is {@code scale × level} or {@code scale × level − min}.
 *
 * <p>Accuracy: every value is computed in float32 with the operations in ggml's order, each rounded
 * once (Java never fuses a multiply and an add), so the values equal the reference library's bit for
 * bit. A C build of ggml that contracts {@code d·q − m} into a fused multiply-add may differ in the
 * last bit for the types with a minimum (Q4_1, Q5_1, Q2_K, Q4_K, Q5_K).
 *
 * <p>Layouts (little-endian, {@code f16} = IEEE half, {@code u8[n]} bytes, levels packed low nibble
 * first): Q4_0 {@code f16 d, u8 qs[16]}; Q4_1 {@code f16 d, f16 m, u8 qs[16]}; Q5_0 {@code f16 d, u32 qh,
 * u8 qs[16]}; Q5_1 {@code f16 d, f16 m, u32 qh, u8 qs[16]}; Q8_0 {@code f16 d, i8 qs[32]}; Q2_K
 * {@code u8 scales[16], u8 qs[64], f16 d, f16 dmin}; Q3_K {@code u8 hmask[32], u8 qs[64], u8 scales[12],
 * f16 d}; Q4_K {@code f16 d, f16 dmin, u8 scales[12], u8 qs[128]}; Q5_K {@code f16 d, f16 dmin,
 * u8 scales[12], u8 qh[32], u8 qs[128]}; Q6_K {@code u8 ql[128], u8 qh[64], i8 scales[16], f16 d}; Q8_K
 * {@code f32 d, i8 qs[256], i16 bsums[16]} (the sums are not needed to dequantize).
 *
 * <p>Stateless and thread-safe. Cost: a few integer operations and two float operations per value.
 *
 * @see <a href="https://github.com/ggml-org/ggml/blob/master/src/ggml-quants.c">ggml-quants.c</a>
 */
enum BlockFormat {

    Q4_0(32, 18) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at);
            for (int j = 0; j < 16; j++) {
                int q = b.get(at + 2 + j) & 0xFF;
                y[j] = ((q & 0x0F) - 8) * d;
                y[j + 16] = ((q >>> 4) - 8) * d;
            }
        }
    },

    Q4_1(32, 20) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at);
            float m = half(b, at + 2);
            for (int j = 0; j < 16; j++) {
                int q = b.get(at + 4 + j) & 0xFF;
                y[j] = (q & 0x0F) * d + m;
                y[j + 16] = (q >>> 4) * d + m;
            }
        }
    },

    Q5_0(32, 22) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at);
            int qh = b.getInt(at + 2);
            for (int j = 0; j < 16; j++) {
                int q = b.get(at + 6 + j) & 0xFF;
                y[j] = (((q & 0x0F) | ((qh >>> j) & 1) << 4) - 16) * d;
                y[j + 16] = (((q >>> 4) | ((qh >>> (j + 16)) & 1) << 4) - 16) * d;
            }
        }
    },

    Q5_1(32, 24) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at);
            float m = half(b, at + 2);
            int qh = b.getInt(at + 4);
            for (int j = 0; j < 16; j++) {
                int q = b.get(at + 8 + j) & 0xFF;
                y[j] = ((q & 0x0F) | ((qh >>> j) & 1) << 4) * d + m;
                y[j + 16] = ((q >>> 4) | ((qh >>> (j + 16)) & 1) << 4) * d + m;
            }
        }
    },

    Q8_0(32, 34) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at);
            for (int j = 0; j < 32; j++) {
                y[j] = b.get(at + 2 + j) * d;
            }
        }
    },

    /** 16 sub-blocks of 16 with 4-bit scale and min; 2-bit levels, four to a byte across 32-byte runs. */
    Q2_K(256, 84) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at + 80);
            float dmin = half(b, at + 82);
            for (int j = 0; j < 16; j++) {
                // value e = 16j + i sits in byte 32(e / 128) + e % 32 of qs, at bit 2((e % 128) / 32)
                int sc = b.get(at + j) & 0xFF;
                float dl = d * (sc & 0x0F);
                float ml = dmin * (sc >>> 4);
                int qs = at + 16 + (j / 8) * 32 + (j % 2) * 16;
                int shift = 2 * ((j % 8) / 2);
                for (int i = 0; i < 16; i++) {
                    y[16 * j + i] = dl * ((b.get(qs + i) >>> shift) & 3) - ml;
                }
            }
        }
    },

    /** 16 sub-blocks of 16 with signed 6-bit scales; 3-bit levels: 2 low bits in qs, the high bit in hmask. */
    Q3_K(256, 110) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at + 108);
            int scales = at + 96;
            for (int j = 0; j < 16; j++) {
                // the scale: 4 low bits from byte j % 8 (low or high nibble), 2 high bits from byte 8 + j % 4
                int low = j < 8 ? b.get(scales + j) & 0x0F : (b.get(scales + j - 8) & 0xFF) >>> 4;
                int high = (b.get(scales + 8 + j % 4) >>> (2 * (j / 4))) & 3;
                float dl = d * ((low | high << 4) - 32);
                // value e = 16j + i: 2 bits as in Q2_K, the third is bit e / 32 of hmask[e % 32], set meaning "no -4"
                int qs = at + 32 + (j / 8) * 32 + (j % 2) * 16;
                int shift = 2 * ((j % 8) / 2);
                int hmask = at + (j % 2) * 16;
                int bit = j / 2;
                for (int i = 0; i < 16; i++) {
                    int ql = (b.get(qs + i) >>> shift) & 3;
                    int hbit = (b.get(hmask + i) >>> bit) & 1;
                    y[16 * j + i] = dl * (ql - (hbit == 0 ? 4 : 0));
                }
            }
        }
    },

    /** 8 sub-blocks of 32 with 6-bit scale and min; 4-bit levels, sub-blocks 2c and 2c+1 share 32 bytes. */
    Q4_K(256, 144) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            dequantizeK(b, at, y, false);
        }
    },

    /** Q4_K with a fifth bit per level: bit j of qh[l] belongs to sub-block j. */
    Q5_K(256, 176) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            dequantizeK(b, at, y, true);
        }
    },

    /** 16 sub-blocks of 16 with signed 8-bit scales; 6-bit levels: 4 bits in ql, 2 in qh, offset 32. */
    Q6_K(256, 210) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = half(b, at + 208);
            for (int j = 0; j < 16; j++) {
                // value e = 16j + i = 128h + 32k + l: low nibble k / 2 of ql[64h + 32(k % 2) + l],
                // high bits 2k and 2k+1 of qh[32h + l]
                int h = j / 8;
                int k = (j % 8) / 2;
                int l0 = (j % 2) * 16;
                float dl = d * b.get(at + 192 + j);
                int ql = at + h * 64 + (k % 2) * 32 + l0;
                int qh = at + 128 + h * 32 + l0;
                int lowShift = 4 * (k / 2);
                int highShift = 2 * k;
                for (int i = 0; i < 16; i++) {
                    int q = ((b.get(ql + i) >>> lowShift) & 0x0F) | ((b.get(qh + i) >>> highShift) & 3) << 4;
                    y[16 * j + i] = dl * (q - 32);
                }
            }
        }
    },

    Q8_K(256, 292) {
        @Override
        void dequantize(ByteBuffer b, int at, float[] y) {
            float d = b.getFloat(at);
            for (int j = 0; j < 256; j++) {
                y[j] = d * b.get(at + 4 + j);
            }
        }
    };

    /** Every half-precision bit pattern's value, so that a scale costs one array read. */
    private static final float[] HALF = new float[1 << 16];

    static {
        for (int bits = 0; bits < HALF.length; bits++) {
            HALF[bits] = (float) Decoding.halfToDouble(bits);
        }
    }

    private final int blockSize;
    private final int bytesPerBlock;

    BlockFormat(int blockSize, int bytesPerBlock) {
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** Values per block. */
    int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    int bytesPerBlock() {
        return bytesPerBlock;
    }

    /**
     * Writes the {@link #blockSize()} values of the block at byte {@code at} of {@code b} (little-endian)
     * to {@code y[0 .. blockSize)}.
     */
    abstract void dequantize(ByteBuffer b, int at, float[] y);

    /**
     * A Q4_K block, or with {@code fifthBit} a Q5_K block, whose 32 bytes of fifth bits (qh) sit between
     * the scales and the 4-bit levels: value l of sub-block j is d·scale_j·q − dmin·min_j.
     */
    private static void dequantizeK(ByteBuffer b, int at, float[] y, boolean fifthBit) {
        float d = half(b, at);
        float dmin = half(b, at + 2);
        int levels = at + (fifthBit ? 48 : 16);
        for (int j = 0; j < 8; j++) {
            float dj = d * scale(b, at + 4, j);
            float mj = dmin * min(b, at + 4, j);
            int shift = 4 * (j % 2);
            int qs = levels + (j / 2) * 32;
            for (int l = 0; l < 32; l++) {
                int q = (b.get(qs + l) >>> shift) & 0x0F;
                if (fifthBit) {
                    q |= ((b.get(at + 16 + l) >>> j) & 1) << 4;
                }
                y[j * 32 + l] = dj * q - mj;
            }
        }
    }

    private static float half(ByteBuffer b, int at) {
        return HALF[b.getShort(at) & 0xFFFF];
    }

    /**
     * Scale {@code j} (0..7) of the 12 packed bytes of a Q4_K/Q5_K block: six bits each; scales 0-3 are
     * the low six bits of bytes 0-3, scales 4-7 take four bits from bytes 8-11 and two from the top of
     * bytes 0-3.
     */
    private static int scale(ByteBuffer b, int scales, int j) {
        return j < 4
                ? b.get(scales + j) & 0x3F
                : (b.get(scales + j + 4) & 0x0F) | ((b.get(scales + j - 4) & 0xFF) >>> 6) << 4;
    }

    /** Min {@code j} of the same 12 bytes: bytes 4-7 as the scales use 0-3, then the top nibbles of 8-11. */
    private static int min(ByteBuffer b, int scales, int j) {
        return j < 4
                ? b.get(scales + j + 4) & 0x3F
                : (b.get(scales + j + 4) & 0xFF) >>> 4 | ((b.get(scales + j) & 0xFF) >>> 6) << 4;
    }
}
