#!/usr/bin/env python3
"""Writes the Keras / HDF5 test fixtures of jaynes-formats with Keras 3 and h5py themselves.

Run from the repository root, in a throwaway venv (Keras needs a backend; jax is the lightest):

    python3 -m venv /tmp/kerasenv
    /tmp/kerasenv/bin/pip install --no-index --find-links /opt/pypi/files keras h5py numpy jax jaxlib
    KERAS_BACKEND=jax /tmp/kerasenv/bin/python tools/make_keras_fixtures.py

It writes, under jaynes-formats/src/test/resources/keras/:

    functional.keras        Keras 3 native format: a zip of metadata.json, config.json and
                            model.weights.h5 (layers/<class key>/vars/<i>), saved after one training
                            step, so that the optimizer's state is in the file too (the reader leaves it
                            out); model: Conv2D, BatchNormalization, Embedding, Dense, LayerNormalization
                            and a Dense without bias named "logits"
    functional.h5           the same model, legacy HDF5 (model.save("x.h5")):
                            model_weights/<layer>/<layer>/<weight> and optimizer_weights/
    functional.weights.h5   the same weights, Keras 3 save_weights (the layout inside .keras)
    keras2_weights.h5       the layout of Keras 2 / tf.keras save_weights, written with h5py (no Keras 2
                            is installable here): top-level layer groups, layer_names and weight_names
                            attributes, TensorFlow variable names ending in ":0", a nested model
    h5py_types.h5           datasets as h5py writes them: chunked + shuffle + gzip (with partial edge
                            chunks), chunked without filters, float16, float64, big-endian float32 and
                            float16 (the latter chunked + gzip), int8, uint16, an int64 scalar, a compact
                            dataset, an empty one; plus what the reader ignores: strings, a compound,
                            booleans (an HDF5 enum) and attributes
    userblock.h5            a file with a 512-byte user block before the HDF5 superblock
    layout_v4.h5            libver v114 (superblock v3, data layout message v4): chunked datasets indexed
                            by a fixed array, an extensible array, a version-2 B-tree and a single chunk
    layout_v5.h5            libver "latest" of HDF5 2.0 (data layout message v5, which jHDF 0.11 does not
                            read): the reader must say so (skipped when the HDF5 under h5py is older)
    unwritten.h5            a dataset whose storage was never allocated (bad input for the reader)
    uint32.h5               a uint32 dataset, a numeric type jaynes has no dtype for (bad input)
    deep.h5                 groups nested 70 levels deep (bad input: the reader stops at 64)
    links.h5                a dataset, a hard link to it, a soft link to it and an external link to
                            another file: the reader lists the dataset once and follows no link
    expected.json           per file, the tensors the reader must return in file order: stored name
                            (the HDF5 path; for .keras, inside model.weights.h5), layer name, role,
                            dtype, shape, element count, the math.fsum of the values as float64, the
                            first values and, for tensors of at most 64 elements, all values; and per
                            file the datasets it must ignore

The expected layer names and roles are written out by hand: they state jaynes' naming convention (see
org.jaynes.formats.keras.KerasNames), not what the script computes. Values come from seeded generators:
reruns give the same values; the .keras zip's timestamps and metadata.json date change.
"""

import json
import math
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

SEED = 20240612
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-formats", "src", "test", "resources", "keras")
FULL_LIMIT = 64
LABELS = {"float32": "f32", "float16": "f16", "float64": "f64", "int8": "i8", "uint8": "u8",
          "int16": "i16", "uint16": "u16", "int32": "i32", "int64": "i64"}

rng = np.random.default_rng(SEED)


def record(stored, name, role, array):
    array = np.asarray(array)
    flat = [float(v) for v in array.astype(np.float64).ravel()]
    row = {"storedName": stored, "name": name, "role": role, "dtype": LABELS[array.dtype.newbyteorder("=").name],
           "shape": list(array.shape), "count": len(flat), "sum": math.fsum(flat), "first": flat[:4]}
    if len(flat) <= FULL_LIMIT:
        row["values"] = flat
    return row


# --- the Keras model ----------------------------------------------------------------------------

# (layer name, class key in Keras 3 files, [(weight, role)]) in model.weights order
LAYERS = [("conv2d", "conv2d", [("kernel", "convolution"), ("bias", "bias")]),
          ("batch_normalization", "batch_normalization",
           [("gamma", "normalization"), ("beta", "normalization"), ("moving_mean", "normalization"),
            ("moving_variance", "normalization")]),
          ("embedding", "embedding", [("embeddings", "embedding")]),
          ("dense", "dense", [("kernel", "dense"), ("bias", "bias")]),
          ("layer_norm", "layer_normalization", [("gamma", "normalization"), ("beta", "normalization")]),
          ("logits", "dense_1", [("kernel", "dense")])]


def model():
    keras.utils.set_random_seed(SEED)
    image = keras.Input((4, 4, 3), name="image")
    tokens = keras.Input((5,), dtype="int32", name="tokens")
    a = keras.layers.Conv2D(4, 3, name="conv2d")(image)
    a = keras.layers.BatchNormalization(name="batch_normalization")(a)
    a = keras.layers.Flatten(name="flatten")(a)
    b = keras.layers.Embedding(50, 6, name="embedding")(tokens)
    b = keras.layers.GlobalAveragePooling1D(name="pool")(b)
    c = keras.layers.Concatenate(name="concatenate")([a, b])
    c = keras.layers.Dense(8, name="dense")(c)
    c = keras.layers.LayerNormalization(name="layer_norm")(c)
    c = keras.layers.Dense(3, use_bias=False, name="logits")(c)
    m = keras.Model([image, tokens], c, name="fixture")
    m.compile(optimizer="adam", loss="mse")
    x = [rng.normal(size=(4, 4, 4, 3)).astype("float32"), rng.integers(0, 50, size=(4, 5)).astype("int32")]
    m.fit(x, rng.normal(size=(4, 3)).astype("float32"), epochs=1, batch_size=4, verbose=0)
    return m


def keras_files(m):
    m.save(os.path.join(OUT, "functional.keras"))
    m.save(os.path.join(OUT, "functional.h5"))
    m.save_weights(os.path.join(OUT, "functional.weights.h5"))
    by_layer = {layer.name: layer for layer in m.layers}
    native, legacy = [], []
    for name, key, weights in LAYERS:
        variables = by_layer[name].weights
        assert [v.name for v in variables] == [w for w, _ in weights], (name, [v.name for v in variables])
        for i, (weight, role) in enumerate(weights):
            value = np.asarray(variables[i])
            native.append(record(f"layers/{key}/vars/{i}", f"{name}/{weight}", role, value))
            legacy.append(record(f"model_weights/{name}/{name}/{weight}", f"{name}/{weight}", role, value))
    optimizer = "optimizer state (optimizer/, optimizer_weights/)"
    return {"functional.keras": {"tensors": native, "ignored": [optimizer]},
            "functional.weights.h5": {"tensors": native, "ignored": [optimizer]},
            "functional.h5": {"tensors": legacy, "ignored": [optimizer]}}


# --- h5py-written files -------------------------------------------------------------------------

def keras2_weights():
    """The layout tf.keras 2 save_weights wrote: /<layer>/<layer>/<weight>:0, and for a nested model
    /<model>/<model>/<layer>/<weight>:0, with layer_names and weight_names attributes."""
    path = os.path.join(OUT, "keras2_weights.h5")
    layers = [("dense_1", ["dense_1/kernel:0", "dense_1/bias:0"], [(6, 5), (5,)]),
              ("encoder", ["encoder/attention/query/kernel:0", "encoder/attention/query/bias:0"], [(5, 4), (4,)]),
              ("flatten", [], [])]
    roles = {"dense_1/kernel": "dense", "dense_1/bias": "bias", "encoder/attention/query/kernel": "attention-query",
             "encoder/attention/query/bias": "bias"}
    tensors = []
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([name.encode() for name, _, _ in layers])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        for layer, weight_names, shapes in layers:
            g = f.create_group(layer)
            g.attrs["weight_names"] = np.array([w.encode() for w in weight_names])
            for weight, shape in zip(weight_names, shapes):
                value = rng.normal(0.0, 0.2, size=shape).astype("float32")
                g.create_dataset(weight, data=value)
                name = weight[:-2]
                tensors.append(record(f"{layer}/{weight}", name, roles[name], value))
    return {"keras2_weights.h5": {"tensors": tensors, "ignored": []}}


def h5py_types():
    path = os.path.join(OUT, "h5py_types.h5")
    tensors = []
    with h5py.File(path, "w") as f:
        f.attrs["note"] = "attributes are not tensors"

        def put(name, value, role, **options):
            f.create_dataset(name, data=value, **options)
            tensors.append(record(name, name, role, value.astype(value.dtype.newbyteorder("="))))

        put("chunked/gzip", rng.normal(0, 0.1, size=(19, 13, 5)).astype("<f4"), "convolution",
            chunks=(8, 8, 5), compression="gzip", compression_opts=4, shuffle=True)
        put("chunked/plain", rng.normal(0, 0.1, size=(20, 30)).astype("<f4"), "dense", chunks=(7, 11))
        put("half", rng.normal(0, 0.1, size=(16, 12)).astype("<f2"), "dense")
        put("double", rng.normal(0, 0.1, size=(6, 5)).astype("<f8"), "dense")
        put("big_endian", rng.normal(0, 0.1, size=(9, 7)).astype(">f4"), "dense")
        put("big_endian_half", rng.normal(0, 0.1, size=(10, 10)).astype(">f2"), "dense",
            chunks=(4, 4), compression="gzip")
        put("int8", rng.integers(-128, 128, size=(4, 4)).astype("i1"), "dense")
        put("uint16", rng.integers(0, 65536, size=(3, 3)).astype("<u2"), "dense")
        put("step", np.array(1234567890123, dtype="<i8"), "bias")
        put("empty", np.zeros((0, 4), dtype="<f4"), "dense")
        compact = rng.normal(0, 0.1, size=(3, 4)).astype("<f4")
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        dcpl.set_obj_track_times(False)  # no timestamps: the same bytes on every run
        space = h5py.h5s.create_simple(compact.shape)
        dataset = h5py.h5d.create(f.id, b"compact", h5py.h5t.IEEE_F32LE, space, dcpl=dcpl)
        dataset.write(h5py.h5s.ALL, h5py.h5s.ALL, compact)
        assert f["compact"].id.get_create_plist().get_layout() == h5py.h5d.COMPACT
        tensors.append(record("compact", "compact", "dense", compact))
        f.create_dataset("names", data=np.array([b"alpha", b"beta"]))
        f.create_dataset("records", data=np.array([(1, 2.0)], dtype=[("a", "<i4"), ("b", "<f8")]))
        f.create_dataset("flags", data=np.array([True, False, True]))
    tensors.sort(key=lambda row: order(path, row["storedName"]))
    return {"h5py_types.h5": {"tensors": tensors, "ignored": ["names", "records", "flags"]}}


def order(path, name):
    """A dataset's object header address: the order jaynes lists datasets in (creation order)."""
    with h5py.File(path, "r") as f:
        return h5py.h5o.get_info(f[name].id).addr


def userblock():
    path = os.path.join(OUT, "userblock.h5")
    plain = rng.normal(0, 0.1, size=(5, 6)).astype("<f4")
    chunked = rng.normal(0, 0.1, size=(9, 4)).astype("<f4")
    with h5py.File(path, "w", userblock_size=512) as f:
        f.create_dataset("plain", data=plain)
        f.create_dataset("chunked", data=chunked, chunks=(4, 4), compression="gzip")
    with open(path, "r+b") as raw:
        raw.write(b"a user block: anything an application wants before the superblock\n")
    return {"userblock.h5": {"tensors": [record("plain", "plain", "dense", plain),
                                         record("chunked", "chunked", "dense", chunked)], "ignored": []}}


def layout_v4():
    path = os.path.join(OUT, "layout_v4.h5")
    specs = [("fixed", (30, 20), dict(chunks=(8, 8), compression="gzip")),
             ("extensible", (25, 6), dict(chunks=(4, 6), maxshape=(None, 6))),
             ("btree2", (9, 7), dict(chunks=(4, 4), maxshape=(None, None), shuffle=True, compression="gzip")),
             ("single", (5, 5), dict(chunks=(5, 5), compression="gzip"))]
    tensors = []
    with h5py.File(path, "w", libver=("v114", "v114")) as f:
        for name, shape, options in specs:
            value = rng.normal(0, 0.1, size=shape).astype("<f4")
            f.create_dataset(name, data=value, **options)
            tensors.append(record(name, name, "dense", value))
    tensors.sort(key=lambda row: order(path, row["storedName"]))
    return {"layout_v4.h5": {"tensors": tensors, "ignored": []}}


def layout_v5():
    if tuple(int(p) for p in h5py.version.hdf5_version.split(".")[:2]) < (2, 0):
        print("layout_v5.h5 not written: HDF5", h5py.version.hdf5_version, "writes no data layout message v5")
        return
    with h5py.File(os.path.join(OUT, "layout_v5.h5"), "w", libver="latest") as f:
        f.create_dataset("chunked", data=np.ones((4, 4), dtype="<f4"), chunks=(2, 2), compression="gzip")


def unwritten():
    with h5py.File(os.path.join(OUT, "unwritten.h5"), "w") as f:
        f.create_dataset("never_written", shape=(3, 3), dtype="<f4")


def uint32():
    with h5py.File(os.path.join(OUT, "uint32.h5"), "w") as f:
        f.create_dataset("counts", data=np.arange(6, dtype="<u4").reshape(2, 3))


def deep():
    # the newer group format (compact links) keeps the file small
    with h5py.File(os.path.join(OUT, "deep.h5"), "w", libver=("v114", "v114")) as f:
        f.create_dataset("/".join(["g"] * 70) + "/w", data=np.ones((2, 2), dtype="<f4"))


def links():
    path = os.path.join(OUT, "links.h5")
    value = rng.normal(0, 0.1, size=(3, 4)).astype("<f4")
    with h5py.File(path, "w") as f:
        f.create_dataset("weights", data=value)
        f["hard"] = f["weights"]
        f["soft"] = h5py.SoftLink("/weights")
        f["external"] = h5py.ExternalLink("elsewhere.h5", "/secret")
    return {"links.h5": {"tensors": [record("hard", "hard", "dense", value)], "ignored": ["soft", "external"]}}


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    expected.update(keras_files(model()))
    expected.update(keras2_weights())
    expected.update(h5py_types())
    expected.update(userblock())
    expected.update(layout_v4())
    layout_v5()
    unwritten()
    uint32()
    deep()
    expected.update(links())
    expected = {name: expected[name] for name in sorted(expected)}
    with open(os.path.join(OUT, "expected.json"), "w") as out:
        json.dump({"generator": "tools/make_keras_fixtures.py", "keras": keras.__version__,
                   "h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version, "files": expected},
                  out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
