#!/usr/bin/env python3
"""Convert Baidu LAC 2.1.2's `lac_model` folder into one binary file for lantai's tagger.

Usage:  python3 tools/lac_convert.py LAC/lac_model models/lac-2.1.2.bin

Python 3 standard library only.  The input is the `LAC/lac_model` folder of the
`lac==2.1.2` PyPI sdist or wheel (conf/word.dic, conf/q2b.dic, conf/tag.dic,
conf/small_seg.dic and the Paddle 1.x parameter files in model/).  The reader
(src/tagger/model.rs) documents the same format.

Format, version 1, everything little-endian; a `str` is a u16 byte length then
that many bytes of UTF-8:

    magic      8 bytes  b"LACBIN\\0\\0"
    version    u32      1
    vocab      u32 n, then n × str        word.dic in id order (word i has id i)
    oov_id     u32                        id of the 'OOV' entry
    q2b        u32 n, then n × (str from, str to)   q2b.dic in file order
    seg_total  u64                        sum of the counts in small_seg.dic
    seg_words  u32 n, then n × str        small_seg.dic's words, first occurrence order
    labels     u32 n, then n × str        tag.dic resolved by id (a later line wins), ids 0..n-1
    tensors    u32 n, then n × (str name, u32 ndim, ndim × u32 dim, prod(dims) × f32)
               word_emb, fc_0.w_0, fc_0.b_0, ... fc_4.b_0, gru_0.w_0, gru_0.b_0, ... crfw
               (Paddle's names, shapes and row-major data, unchanged)
    end        4 bytes  b"END\\0"

The dictionaries are read as LAC's reader.load_kv_dict reads them (line.strip("\\n").split("\\t"),
lines without exactly two fields skipped, a later key wins) and small_seg.dic as LAC's
segment.load_seg_dict (line.strip().split(' ')); the cut only needs the words and the
total of the counts, because LAC's trie stores len(word) as a word's "frequency".
"""
import io
import os
import struct
import sys

MAGIC = b"LACBIN\0\0"
VERSION = 1

# Paddle 1.x parameter files: one serialized LoDTensor each
# (paddle/fluid/framework/lod_tensor.cc SerializeToStream, tensor_util.cc TensorToStream):
#   u32 lod_tensor_version (0), u64 lod_level, per level (u64 nbytes, offsets),
#   u32 tensor_version (0), i32 desc_size, TensorDesc protobuf (field 1 varint data_type,
#   field 2 varint dims), then the raw data, row-major.
FP32 = 5

TENSORS = (["word_emb"]
           + ["fc_%d.%s_0" % (k, wb) for k in range(5) for wb in ("w", "b")]
           + ["gru_%d.%s_0" % (k, wb) for k in range(4) for wb in ("w", "b")]
           + ["crfw"])


def _varint(b, i):
    v = s = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << s
        s += 7
        if not c & 0x80:
            return v, i


def _tensor_desc(b):
    i, dtype, dims = 0, None, []
    while i < len(b):
        key, i = _varint(b, i)
        field, wt = key >> 3, key & 7
        if wt == 0:
            v, i = _varint(b, i)
            if field == 1:
                dtype = v
            elif field == 2:
                dims.append(v)
        elif wt == 2:
            n, i = _varint(b, i)
            end = i + n
            while i < end:
                v, i = _varint(b, i)
                if field == 2:
                    dims.append(v)
        else:
            raise ValueError("unexpected protobuf wire type %d" % wt)
    return dtype, dims


def read_paddle_tensor(path):
    """Returns (dims, raw little-endian f32 bytes)."""
    with open(path, "rb") as f:
        b = f.read()
    off = 0
    (ver,) = struct.unpack_from("<I", b, off)
    off += 4
    if ver != 0:
        raise ValueError("%s: lod tensor version %d" % (path, ver))
    (lod_level,) = struct.unpack_from("<Q", b, off)
    off += 8
    for _ in range(lod_level):
        (n,) = struct.unpack_from("<Q", b, off)
        off += 8 + n
    (tver,) = struct.unpack_from("<I", b, off)
    off += 4
    if tver != 0:
        raise ValueError("%s: tensor version %d" % (path, tver))
    (dsz,) = struct.unpack_from("<i", b, off)
    off += 4
    dtype, dims = _tensor_desc(b[off:off + dsz])
    off += dsz
    if dtype != FP32:
        raise ValueError("%s: data type %r, expected float32" % (path, dtype))
    n = 1
    for d in dims:
        n *= d
    data = b[off:]
    if len(data) != 4 * n:
        raise ValueError("%s: %d data bytes for shape %r" % (path, len(data), dims))
    return dims, data


def load_kv(path):
    """LAC reader.load_kv_dict: list of (key, value) in file order (caller resolves duplicates)."""
    out = []
    with io.open(path, "r", encoding="utf8") as f:
        for line in f:
            terms = line.strip("\n").split("\t")
            if len(terms) != 2:
                continue
            out.append((terms[0], terms[1]))
    return out


def put_str(out, s):
    b = s.encode("utf-8")
    if len(b) > 0xFFFF:
        raise ValueError("string too long: %r" % s[:40])
    out += struct.pack("<H", len(b))
    out += b


def convert(model_dir, out_path):
    conf = os.path.join(model_dir, "conf")

    # word.dic: LAC builds word2id with reverse=True (word -> id, a later line wins)
    word2id = {}
    for i, w in load_kv(os.path.join(conf, "word.dic")):
        word2id[w] = int(i)
    id2word = {}
    for w, i in word2id.items():
        if i in id2word:
            raise ValueError("word.dic: id %d used by %r and %r" % (i, id2word[i], w))
        id2word[i] = w
    n_vocab = len(id2word)
    if sorted(id2word) != list(range(n_vocab)):
        raise ValueError("word.dic ids are not 0..%d" % (n_vocab - 1))
    oov = word2id["OOV"]

    # q2b.dic: key -> value, a later line wins; keep the first position of each key
    q2b = {}
    for a, b in load_kv(os.path.join(conf, "q2b.dic")):
        q2b[a] = b

    # tag.dic: id2label, a later line wins (16 -> PER-B, ...)
    id2label = {}
    for i, lab in load_kv(os.path.join(conf, "tag.dic")):
        id2label[int(i)] = lab
    n_labels = max(id2label) + 1
    if sorted(id2label) != list(range(n_labels)):
        raise ValueError("tag.dic ids are not 0..%d" % (n_labels - 1))

    # small_seg.dic: "word count" lines (LAC: line.strip().split(' '))
    seg_words, seen, total = [], set(), 0
    with io.open(os.path.join(conf, "small_seg.dic"), "r", encoding="utf-8") as f:
        for line in f:
            w, c = line.strip().split(" ")
            total += int(c)
            if w not in seen:
                seen.add(w)
                seg_words.append(w)

    out = bytearray()
    out += MAGIC
    out += struct.pack("<I", VERSION)
    out += struct.pack("<I", n_vocab)
    for i in range(n_vocab):
        put_str(out, id2word[i])
    out += struct.pack("<I", oov)
    out += struct.pack("<I", len(q2b))
    for a, b in q2b.items():
        put_str(out, a)
        put_str(out, b)
    out += struct.pack("<Q", total)
    out += struct.pack("<I", len(seg_words))
    for w in seg_words:
        put_str(out, w)
    out += struct.pack("<I", n_labels)
    for i in range(n_labels):
        put_str(out, id2label[i])
    out += struct.pack("<I", len(TENSORS))
    for name in TENSORS:
        dims, data = read_paddle_tensor(os.path.join(model_dir, "model", name))
        put_str(out, name)
        out += struct.pack("<I", len(dims))
        for d in dims:
            out += struct.pack("<I", d)
        out += data
    out += b"END\0"

    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, out_path)
    print("%s: %d bytes; vocab %d (OOV %d), q2b %d, small_seg %d words (total %d), %d labels, %d tensors"
          % (out_path, len(out), n_vocab, oov, len(q2b), len(seg_words), total, n_labels, len(TENSORS)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 tools/lac_convert.py LAC/lac_model models/lac-2.1.2.bin")
    convert(sys.argv[1], sys.argv[2])
