package org.jaynes.formats.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolesTest {

    private static final Shape MATRIX = Shape.of(64, 64);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // BERT (names as the ONNX and safetensors readers give them)
        "embeddings.word_embeddings, EMBEDDING",
        "embeddings.position_embeddings, EMBEDDING",
        "embeddings.token_type_embeddings, EMBEDDING",
        "encoder.layer.0.attention.self.query, ATTENTION_QUERY",
        "encoder.layer.0.attention.self.key, ATTENTION_KEY",
        "encoder.layer.0.attention.self.value, ATTENTION_VALUE",
        "encoder.layer.0.attention.output.dense, ATTENTION_OUTPUT",
        "encoder.layer.0.intermediate.dense, MLP_UP",
        "encoder.layer.0.output.dense, MLP_DOWN",
        "pooler.dense, DENSE",
        "cls.predictions.decoder, OUTPUT_HEAD",
        // GPT-2
        "transformer.wte, EMBEDDING",
        "transformer.h.0.attn.c_attn, ATTENTION_QKV",
        "transformer.h.0.attn.c_proj, ATTENTION_OUTPUT",
        "transformer.h.0.mlp.c_fc, MLP_UP",
        "transformer.h.0.mlp.c_proj, MLP_DOWN",
        "lm_head, OUTPUT_HEAD",
        // Llama
        "model.embed_tokens, EMBEDDING",
        "model.layers.0.self_attn.q_proj, ATTENTION_QUERY",
        "model.layers.0.self_attn.k_proj, ATTENTION_KEY",
        "model.layers.0.self_attn.v_proj, ATTENTION_VALUE",
        "model.layers.0.self_attn.o_proj, ATTENTION_OUTPUT",
        "model.layers.0.mlp.gate_proj, MLP_GATE",
        "model.layers.0.mlp.up_proj, MLP_UP",
        "model.layers.0.mlp.down_proj, MLP_DOWN",
        // GGUF (llama.cpp)
        "token_embd, EMBEDDING",
        "output, OUTPUT_HEAD",
        "blk.0.attn_q, ATTENTION_QUERY",
        "blk.0.attn_k, ATTENTION_KEY",
        "blk.0.attn_v, ATTENTION_VALUE",
        "blk.0.attn_qkv, ATTENTION_QKV",
        "blk.0.attn_output, ATTENTION_OUTPUT",
        "blk.0.ffn_gate, MLP_GATE",
        "blk.0.ffn_up, MLP_UP",
        "blk.0.ffn_down, MLP_DOWN",
        "blk.0.ffn_gate_inp, OTHER",
        "enc.blk.0.attn_o, ATTENTION_OUTPUT",
        // convolutions
        "features.0.conv, CONVOLUTION",
    })
    void matricesGetTheRoleTheirNameSays(String name, Role role) {
        assertEquals(role, Roles.of(name, MATRIX));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "encoder.layer.0.attention.output.LayerNorm, NORMALIZATION",
        "model.norm, NORMALIZATION",
        "encoder.layer.0.attention.self.query.bias, BIAS",
        "blk.0.attn_norm, NORMALIZATION",
    })
    void rankOneTensorsAreBiasesOrNormalisation(String name, Role role) {
        assertEquals(role, Roles.of(name, Shape.of(64)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unnamed_tensor_7", "layers.3.something"})
    void unknownMatricesAreDenseAndHigherRanksConvolutions(String name) {
        assertEquals(Role.DENSE, Roles.of(name, MATRIX));
        assertEquals(Role.CONVOLUTION, Roles.of(name, Shape.of(8, 3, 3, 3)));
    }
}
