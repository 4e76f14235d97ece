//! Reader of `models/lac-2.1.2.bin`, written by `tools/lac_convert.py` from Baidu LAC
//! 2.1.2's `lac_model` folder.
//!
//! Format, version 1, everything little-endian; a `str` is a u16 byte length then that
//! many bytes of UTF-8:
//!
//! ```text
//! magic      8 bytes  b"LACBIN\0\0"
//! version    u32      1
//! vocab      u32 n, then n × str        word.dic in id order (word i has id i)
//! oov_id     u32                        id of the 'OOV' entry
//! q2b        u32 n, then n × (str from, str to)
//! seg_total  u64                        sum of the counts in small_seg.dic
//! seg_words  u32 n, then n × str        small_seg.dic's words
//! labels     u32 n, then n × str        tag.dic resolved by id (a later line wins)
//! tensors    u32 n, then n × (str name, u32 ndim, ndim × u32 dim, prod(dims) × f32)
//! end        4 bytes  b"END\0"
//! ```
//!
//! The tensors keep Paddle's names, shapes and row-major layout: `word_emb` [V, 128],
//! `fc_k.w_0` [in, 384], `fc_k.b_0` [384], `gru_k.w_0` [128, 384], `gru_k.b_0` [1, 384]
//! (k = 0..3: layer k / 2, direction k % 2, 1 = reversed), `fc_4.w_0` [256, L],
//! `fc_4.b_0` [L], `crfw` [L + 2, L] (row 0 start, row 1 end, then transitions).

pub(crate) const MAGIC: &[u8; 8] = b"LACBIN\0\0";
pub(crate) const VERSION: u32 = 1;

/// One parameter tensor as stored.
pub(crate) struct Tensor {
    pub name: String,
    pub dims: Vec<usize>,
    pub data: Vec<f32>,
}

/// The file's contents, unprocessed.
pub(crate) struct RawModel {
    pub vocab: Vec<String>,
    pub oov: u32,
    pub q2b: Vec<(String, String)>,
    pub seg_total: u64,
    pub seg_words: Vec<String>,
    pub labels: Vec<String>,
    pub tensors: Vec<Tensor>,
}

impl RawModel {
    /// Takes the tensor `name` out of the model, checking its shape.
    pub fn take(&mut self, name: &str, dims: &[usize]) -> Result<Vec<f32>, String> {
        let i =
            self.tensors.iter().position(|t| t.name == name).ok_or_else(|| format!("lac model: no tensor {name}"))?;
        let t = self.tensors.swap_remove(i);
        if t.dims != dims {
            return Err(format!("lac model: tensor {name} has shape {:?}, expected {:?}", t.dims, dims));
        }
        Ok(t.data)
    }

    /// Shape of the tensor `name`.
    pub fn dims(&self, name: &str) -> Option<&[usize]> {
        self.tensors.iter().find(|t| t.name == name).map(|t| t.dims.as_slice())
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| format!("lac model: truncated at byte {}", self.pos))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.bytes(N)?);
        Ok(a)
    }

    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn count(&mut self) -> Result<usize, String> {
        let n = self.u32()? as usize;
        // every element takes at least 2 bytes: refuse counts the file cannot hold
        if n > self.b.len() - self.pos {
            return Err(format!("lac model: bad count {n} at byte {}", self.pos));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, String> {
        let n = self.u16()? as usize;
        let pos = self.pos;
        let b = self.bytes(n)?;
        std::str::from_utf8(b).map(str::to_owned).map_err(|_| format!("lac model: invalid UTF-8 at byte {pos}"))
    }

    fn strs(&mut self) -> Result<Vec<String>, String> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Parses the whole file.
pub(crate) fn parse(bytes: &[u8]) -> Result<RawModel, String> {
    let mut c = Cursor { b: bytes, pos: 0 };
    if c.bytes(8).ok() != Some(&MAGIC[..]) {
        return Err("lac model: not a lantai LAC model file (bad magic)".into());
    }
    let version = c.u32()?;
    if version != VERSION {
        return Err(format!("lac model: format version {version}, this build reads {VERSION}"));
    }
    let vocab = c.strs()?;
    let oov = c.u32()?;
    if oov as usize >= vocab.len() {
        return Err(format!("lac model: OOV id {oov} out of range"));
    }
    let n = c.count()?;
    let mut q2b = Vec::with_capacity(n);
    for _ in 0..n {
        let a = c.str()?;
        let b = c.str()?;
        q2b.push((a, b));
    }
    let seg_total = c.u64()?;
    let seg_words = c.strs()?;
    let labels = c.strs()?;
    let n = c.count()?;
    let mut tensors = Vec::with_capacity(n);
    for _ in 0..n {
        let name = c.str()?;
        let ndim = c.count()?;
        let dims = (0..ndim).map(|_| c.u32().map(|d| d as usize)).collect::<Result<Vec<_>, _>>()?;
        let len = dims
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))
            .and_then(|n| n.checked_mul(4))
            .ok_or_else(|| format!("lac model: tensor {name} too large"))?;
        let raw = c.bytes(len)?;
        let data = raw.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        tensors.push(Tensor { name, dims, data });
    }
    if c.bytes(4).ok() != Some(&b"END\0"[..]) || c.pos != bytes.len() {
        return Err("lac model: bad end marker".into());
    }
    Ok(RawModel { vocab, oov, q2b, seg_total, seg_words, labels, tensors })
}
