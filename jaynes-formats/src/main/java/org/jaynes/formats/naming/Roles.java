package org.jaynes.formats.naming;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;

/**
 * Guesses a tensor's {@link Role} from its layer name and shape, with the naming habits of the common
 * model families (BERT, GPT-2, Llama, T5, ViT, Keras). The first matching rule wins; rank-1 tensors
 * are biases or normalisation gains whatever their name says.
 */
public final class Roles {

    private record Rule(Pattern pattern, Role role) {
    }

    private static final List<Rule> RULES = List.of(
            rule("(norm|ln_?\\d*|layernorm|rmsnorm|batchnorm|bn\\d*)([._/]|$)", Role.NORMALIZATION),
            rule("(ffn_gate_inp|router)", Role.OTHER),
            rule("(embed|embd|wte|wpe|tok_embeddings|word_embeddings|position_embeddings|token_type|shared)", Role.EMBEDDING),
            rule("(lm_head|output_layer|classifier|(^|[._/])head([._/]|$)|^output$|^cls([._/]|$))", Role.OUTPUT_HEAD),
            rule("(attn_qkv|qkv_proj|query_key_value|c_attn|in_proj)", Role.ATTENTION_QKV),
            rule("(q_proj|query|wq|(^|[._/])q([._/]|$)|attn_q)", Role.ATTENTION_QUERY),
            rule("(k_proj|(^|[._/])key([._/]|$)|wk|(^|[._/])k([._/]|$)|attn_k)", Role.ATTENTION_KEY),
            rule("(v_proj|(^|[._/])value([._/]|$)|wv|(^|[._/])v([._/]|$)|attn_v)", Role.ATTENTION_VALUE),
            rule("(o_proj|out_proj|attention\\.output|attn\\.c_proj|(^|[._/])wo([._/]|$)|attn_output|attn_o([._/]|$)|self_attn\\.o)", Role.ATTENTION_OUTPUT),
            rule("(gate_proj|(^|[._/])w1([._/]|$)|ffn_gate|wi_0)", Role.MLP_GATE),
            rule("(up_proj|intermediate|c_fc|fc1|(^|[._/])w3([._/]|$)|ffn_up|wi_1|(^|[._/])wi([._/]|$))", Role.MLP_UP),
            rule("(down_proj|(^|[._/])output\\.dense|mlp\\.c_proj|fc2|(^|[._/])w2([._/]|$)|ffn_down)", Role.MLP_DOWN),
            rule("(conv|depthwise)", Role.CONVOLUTION));

    private Roles() {
    }

    private static Rule rule(String regex, Role role) {
        return new Rule(Pattern.compile(regex), role);
    }

    /** The role of a tensor called {@code layerName} with the given shape. */
    public static Role of(String layerName, Shape shape) {
        String name = layerName.toLowerCase(Locale.ROOT);
        if (shape.rank() <= 1) {
            return name.contains("norm") || name.contains("ln") || name.endsWith("gamma") || name.endsWith("beta")
                    ? Role.NORMALIZATION
                    : Role.BIAS;
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(name).find()) {
                return rule.role();
            }
        }
        if (shape.rank() >= 3) {
            return Role.CONVOLUTION;
        }
        return Role.DENSE;
    }
}
