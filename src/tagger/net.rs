//! LAC's network: word embedding, two bidirectional GRU layers, the output layer and
//! CRF Viterbi decoding (Paddle 1.x `fc` + `dynamic_gru` + `crf_decoding`).
//!
//! Conventions (checked against LAC itself by the parity test):
//! * each GRU direction k (0..3: layer k / 2, k % 2 == 1 reversed) has an input
//!   projection `fc_k` (+ `fc_k.b` + `gru_k.b`) giving 3D values per step, ordered
//!   [update, reset, candidate];
//! * `gru_k.w_0` is read as a raw buffer: its first 2·D·D floats are the D × 2D
//!   update/reset weights, the last D·D the D × D candidate weights;
//! * u = σ(x_u + h·W_u), r = σ(x_r + h·W_r), c = tanh(x_c + (r ⊙ h)·W_c),
//!   h' = h − u ⊙ h + u ⊙ c (Paddle's `origin_mode=False`), h₀ = 0;
//! * σ and tanh are Paddle's: σ(x) = 1 / (1 + e^−clip(x, −40, 13)),
//!   tanh(x) = 2 / (1 + e^min(−2x, 40)) − 1;
//! * the reversed direction runs over each sequence reversed; layer 2's input at a
//!   position is [forward h, backward h];
//! * CRF: `crfw` row 0 = start scores, row 1 = end scores, rows 2.. = transitions
//!   [from, to]; on equal scores the first (lowest) tag wins.
//!
//! Batching: sequences are sorted by length (longest first), cut into batches of up to
//! `BATCH` sequences / `BATCH_TOKENS` tokens, and packed time-major with no padding: the
//! row of (sequence b, position t) is `off[t] + b`, and at step t only the first
//! `active[t]` sequences take part (a reversed direction reads position `len_b − 1 − t`).
//! Input projections are one GEMM per layer for both directions: for layer 1 over the
//! batch's rows, for layer 0 over the distinct token ids of a group of batches (a table
//! the steps index). Each step does two GEMMs per direction (m × D · D × 2D, then
//! m × D · D × D); GEMMs go through ndarray to `matrixmultiply`'s sgemm, which picks
//! AVX-512 / AVX2+FMA kernels at run time. The elementwise code is plain safe Rust that
//! the compiler vectorises. A single line of T tokens needs about 6 KB × T of buffers.

use super::model::RawModel;
use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};
use std::ops::Range;

/// Sequences per batch (sorted by length, so padding is never computed).
const BATCH: usize = 32;
/// Token budget of one batch (bounds the batch buffers: about 6 KB per token).
const BATCH_TOKENS: usize = 8 * 1024;
/// Token budget of a group of batches that share one layer-0 input projection table.
const GROUP_TOKENS: usize = 16 * 1024;
const NONE: u32 = u32::MAX;

/// Recurrent weights of one GRU direction.
pub(crate) struct Gru {
    /// D × 2D: update and reset gate weights
    w_ur: Vec<f32>,
    /// D × D: candidate weights
    w_c: Vec<f32>,
}

pub(crate) struct Net {
    /// embedding width
    e: usize,
    /// hidden width
    d: usize,
    n_labels: usize,
    /// vocab × e
    emb: Vec<f32>,
    /// e × 6d: [fc_0 | fc_1] row by row
    w0: Vec<f32>,
    /// 6d: fc_0.b + gru_0.b | fc_1.b + gru_1.b
    b0: Vec<f32>,
    /// 2d × 6d: [fc_2 | fc_3]
    w1: Vec<f32>,
    b1: Vec<f32>,
    gru: [Gru; 4],
    /// 2d × L
    out_w: Vec<f32>,
    out_b: Vec<f32>,
    start: Vec<f32>,
    end: Vec<f32>,
    /// L × L', [from][to], rows padded to L' = L rounded up to 8 with -inf
    trans_p: Vec<f32>,
}

/// c (m × n) = a (m × k) · b (k × n) + beta · c, all row-major.
fn gemm(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], beta: f32, c: &mut [f32]) {
    if m == 0 || n == 0 {
        return;
    }
    let a = ArrayView2::from_shape((m, k), &a[..m * k]).expect("gemm: a");
    let b = ArrayView2::from_shape((k, n), &b[..k * n]).expect("gemm: b");
    let mut c = ArrayViewMut2::from_shape((m, n), &mut c[..m * n]).expect("gemm: c");
    general_mat_mul(1.0, &a, &b, beta, &mut c);
}

/// e^x in f32 (Cephes `expf`: 2^n · p(r), within 1–2 ulp of libm), written so that
/// loops over it vectorise. Inputs are clamped to [-87, 88]: below, the callers' results
/// round to the same value as with e^x = 0.
#[inline(always)]
fn exp(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0; // 1.5 · 2^23: adding it rounds to an integer
    let x = x.clamp(-87.0, 88.0);
    let t = x * std::f32::consts::LOG2_E + MAGIC;
    let n = t - MAGIC;
    let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4;
    let p = 1.987_569_1e-4;
    let p = p * r + 1.398_199_9e-3;
    let p = p * r + 8.333_452e-3;
    let p = p * r + 4.166_579_6e-2;
    let p = p * r + 1.666_666_5e-1;
    let p = p * r + 0.5;
    let y = p * (r * r) + r + 1.0;
    // 2^n from n's integer bits in t
    let n = t.to_bits().wrapping_sub(MAGIC.to_bits());
    y * f32::from_bits(n.wrapping_add(127) << 23)
}

/// Paddle's sigmoid (`detail::forward::Sigmoid`).
#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x.clamp(-40.0, 13.0)))
}

/// Paddle's tanh (`detail::forward::Tanh`).
#[inline(always)]
fn tanh(x: f32) -> f32 {
    2.0 / (1.0 + exp((-2.0 * x).min(40.0))) - 1.0
}

/// `[a | b]` row by row: a and b are r × c, the result r × 2c.
fn hcat(a: &[f32], b: &[f32], c: usize) -> Vec<f32> {
    a.chunks_exact(c).zip(b.chunks_exact(c)).flat_map(|(x, y)| x.iter().chain(y).copied()).collect()
}

fn add(a: &[f32], b: &[f32]) -> Vec<f32> {
    a.iter().zip(b).map(|(x, y)| x + y).collect()
}

/// Shape of one batch: lengths (non-increasing), active counts and row offsets per step.
#[derive(Default)]
struct Layout {
    lens: Vec<usize>,
    active: Vec<usize>,
    off: Vec<usize>,
}

impl Layout {
    fn set(&mut self, lens: impl Iterator<Item = usize>) {
        self.lens.clear();
        self.lens.extend(lens);
        let t_max = self.lens.first().copied().unwrap_or(0);
        self.active.clear();
        self.off.clear();
        self.off.push(0);
        let mut m = self.lens.len();
        for t in 0..t_max {
            while m > 0 && self.lens[m - 1] <= t {
                m -= 1;
            }
            self.active.push(m);
            self.off.push(self.off[t] + m);
        }
    }

    fn rows(&self) -> usize {
        self.off.last().copied().unwrap_or(0)
    }
}

/// Buffers of the recurrence (B × ...).
#[derive(Default)]
struct StepBufs {
    h: Vec<f32>,
    g: Vec<f32>,
    rh: Vec<f32>,
    c: Vec<f32>,
}

/// Per-call buffers, reused across batches.
#[derive(Default)]
pub(crate) struct NetScratch {
    /// token id -> row of `table`, NONE when absent (vocab-sized)
    slot: Vec<u32>,
    uniq: Vec<u32>,
    gather: Vec<f32>,
    /// distinct ids × 6d: layer-0 input projections of a group
    table: Vec<f32>,
    lay: Layout,
    /// packed row -> row of `table`
    uidx: Vec<u32>,
    out0: Vec<f32>,
    p1: Vec<f32>,
    out1: Vec<f32>,
    em: Vec<f32>,
    step: StepBufs,
    vit: ViterbiBufs,
}

impl Net {
    /// Takes the tensors out of `raw`, checking their shapes.
    pub fn from_raw(raw: &mut RawModel) -> Result<Net, String> {
        let [v, e] = match raw.dims("word_emb") {
            Some(&[v, e]) => [v, e],
            _ => return Err("lac model: word_emb missing or not 2-d".into()),
        };
        if v != raw.vocab.len() {
            return Err(format!("lac model: word_emb has {v} rows for {} words", raw.vocab.len()));
        }
        let d = match raw.dims("gru_0.w_0") {
            Some(&[d, d3]) if d3 == 3 * d => d,
            _ => return Err("lac model: gru_0.w_0 missing or not D × 3D".into()),
        };
        let l = raw.labels.len();
        if l == 0 || l > u16::MAX as usize {
            return Err(format!("lac model: {l} labels"));
        }
        let emb = raw.take("word_emb", &[v, e])?;
        let mut fc_w = Vec::new();
        let mut fc_b = Vec::new();
        let mut grus = Vec::new();
        for k in 0..4 {
            let input = if k < 2 { e } else { 2 * d };
            fc_w.push(raw.take(&format!("fc_{k}.w_0"), &[input, 3 * d])?);
            let b = raw.take(&format!("fc_{k}.b_0"), &[3 * d])?;
            let gb = raw.take(&format!("gru_{k}.b_0"), &[1, 3 * d])?;
            fc_b.push(add(&b, &gb));
            let w = raw.take(&format!("gru_{k}.w_0"), &[d, 3 * d])?;
            grus.push(Gru { w_ur: w[..2 * d * d].to_vec(), w_c: w[2 * d * d..].to_vec() });
        }
        let out_w = raw.take("fc_4.w_0", &[2 * d, l])?;
        let out_b = raw.take("fc_4.b_0", &[l])?;
        let crf = raw.take("crfw", &[l + 2, l])?;
        let gru: [Gru; 4] = match grus.try_into() {
            Ok(g) => g,
            Err(_) => unreachable!(),
        };
        Ok(Net {
            e,
            d,
            n_labels: l,
            emb,
            w0: hcat(&fc_w[0], &fc_w[1], 3 * d),
            b0: [fc_b[0].as_slice(), &fc_b[1]].concat(),
            w1: hcat(&fc_w[2], &fc_w[3], 3 * d),
            b1: [fc_b[2].as_slice(), &fc_b[3]].concat(),
            gru,
            out_w,
            out_b,
            start: crf[..l].to_vec(),
            end: crf[l..2 * l].to_vec(),
            trans_p: crf[2 * l..]
                .chunks_exact(l)
                .flat_map(|row| {
                    let pad = l.next_multiple_of(8) - l;
                    row.iter().copied().chain(std::iter::repeat_n(f32::NEG_INFINITY, pad))
                })
                .collect(),
        })
    }

    /// Tags the sequences `order` (indices into `ranges`, longest first; `ranges[i]` is
    /// sequence i's span of `ids`) and writes one label id per token to `labels`.
    pub fn run(&self, ids: &[u32], ranges: &[Range<usize>], order: &[usize], labels: &mut [u16], s: &mut NetScratch) {
        // batches: up to BATCH sequences and BATCH_TOKENS tokens (at least one sequence)
        let mut batches = Vec::new();
        let mut b0 = 0;
        while b0 < order.len() {
            let (mut b1, mut tokens) = (b0, 0);
            while b1 < order.len() && b1 - b0 < BATCH && (b1 == b0 || tokens + ranges[order[b1]].len() <= BATCH_TOKENS)
            {
                tokens += ranges[order[b1]].len();
                b1 += 1;
            }
            batches.push((b0..b1, tokens));
            b0 = b1;
        }
        // groups of whole batches share one layer-0 projection table
        let mut k = 0;
        while k < batches.len() {
            let (mut k1, mut tokens) = (k, 0);
            while k1 < batches.len() && (k1 == k || tokens < GROUP_TOKENS) {
                tokens += batches[k1].1;
                k1 += 1;
            }
            let group = &order[batches[k].0.start..batches[k1 - 1].0.end];
            self.project_group(group.iter().map(|&i| &ids[ranges[i].clone()]), s);
            for (batch, _) in &batches[k..k1] {
                self.run_batch(ids, ranges, &order[batch.clone()], labels, s);
            }
            k = k1;
        }
    }

    /// Layer-0 input projections ([forward | backward], bias included) of every distinct
    /// token id of a group: `s.table` row `s.slot[id]`.
    fn project_group<'a>(&self, seqs: impl Iterator<Item = &'a [u32]>, s: &mut NetScratch) {
        let v = self.emb.len() / self.e;
        if s.slot.len() != v {
            s.slot.clear();
            s.slot.resize(v, NONE);
        }
        for &id in &s.uniq {
            s.slot[id as usize] = NONE;
        }
        s.uniq.clear();
        for seq in seqs {
            for &id in seq {
                let slot = &mut s.slot[id as usize];
                if *slot == NONE {
                    *slot = s.uniq.len() as u32;
                    s.uniq.push(id);
                }
            }
        }
        let (e, w) = (self.e, 6 * self.d);
        s.gather.clear();
        for &id in &s.uniq {
            let id = id as usize;
            s.gather.extend_from_slice(&self.emb[id * e..(id + 1) * e]);
        }
        let u = s.uniq.len();
        s.table.clear();
        for _ in 0..u {
            s.table.extend_from_slice(&self.b0);
        }
        gemm(u, e, w, &s.gather, &self.w0, 1.0, &mut s.table);
    }

    fn run_batch(&self, ids: &[u32], ranges: &[Range<usize>], batch: &[usize], labels: &mut [u16], s: &mut NetScratch) {
        let (d, l) = (self.d, self.n_labels);
        s.lay.set(batch.iter().map(|&i| ranges[i].len()));
        let lay = &s.lay;
        let n = lay.rows();
        s.uidx.clear();
        s.uidx.resize(n, 0);
        for (b, &i) in batch.iter().enumerate() {
            for (t, &id) in ids[ranges[i].clone()].iter().enumerate() {
                s.uidx[lay.off[t] + b] = s.slot[id as usize];
            }
        }
        let bsz = batch.len();
        for buf in [&mut s.step.h, &mut s.step.rh, &mut s.step.c] {
            buf.resize(bsz * d, 0.0);
        }
        s.step.g.resize(bsz * 2 * d, 0.0);
        s.out0.resize(n * 2 * d, 0.0);
        s.out1.resize(n * 2 * d, 0.0);

        // layer 0: inputs from the group's projection table
        let uidx = &s.uidx;
        for dir in 0..2 {
            self.gru_dir(
                &self.gru[dir],
                (&s.table, |p: usize| uidx[p] as usize, dir * 3 * d),
                lay,
                dir == 1,
                (&mut s.out0, dir * d),
                &mut s.step,
            );
        }
        // layer 1
        s.p1.clear();
        for _ in 0..n {
            s.p1.extend_from_slice(&self.b1);
        }
        gemm(n, 2 * d, 6 * d, &s.out0, &self.w1, 1.0, &mut s.p1);
        for dir in 0..2 {
            self.gru_dir(
                &self.gru[2 + dir],
                (&s.p1, |p: usize| p, dir * 3 * d),
                lay,
                dir == 1,
                (&mut s.out1, dir * d),
                &mut s.step,
            );
        }
        // emissions
        s.em.clear();
        for _ in 0..n {
            s.em.extend_from_slice(&self.out_b);
        }
        gemm(n, 2 * d, l, &s.out1, &self.out_w, 1.0, &mut s.em);
        for (b, &i) in batch.iter().enumerate() {
            let len = lay.lens[b];
            self.viterbi(
                |t| {
                    let r = lay.off[t] + b;
                    &s.em[r * l..(r + 1) * l]
                },
                len,
                &mut labels[ranges[i].clone()],
                &mut s.vit,
            );
        }
    }

    /// One GRU direction over a batch. `x = (inputs, row of packed index, column)`:
    /// the 3D input projections of packed position p are `inputs[row(p) * 6D + column..][..3D]`.
    /// Writes h of packed position p to `out.0[p * 2D + out.1..][..D]`.
    fn gru_dir(
        &self,
        w: &Gru,
        x: (&[f32], impl Fn(usize) -> usize, usize),
        lay: &Layout,
        reverse: bool,
        out: (&mut [f32], usize),
        st: &mut StepBufs,
    ) {
        let d = self.d;
        let (xs, x_row, x_col) = x;
        let x_stride = 6 * d;
        let (out, out_col) = out;
        let bsz = lay.lens.len();
        st.h[..bsz * d].fill(0.0);
        for (t, &m) in lay.active.iter().enumerate() {
            let pos = |b: usize| {
                let pos = if reverse { lay.lens[b] - 1 - t } else { t };
                lay.off[pos] + b
            };
            gemm(m, d, 2 * d, &st.h, &w.w_ur, 0.0, &mut st.g);
            for b in 0..m {
                let xr = x_row(pos(b));
                let x = &xs[xr * x_stride + x_col..][..2 * d];
                let g = &mut st.g[b * 2 * d..(b + 1) * 2 * d];
                let (gu, gr) = g.split_at_mut(d);
                let (xu, xr) = x.split_at(d);
                for (gu, &xu) in gu.iter_mut().zip(xu) {
                    *gu = sigmoid(xu + *gu);
                }
                let h = &st.h[b * d..(b + 1) * d];
                let rh = &mut st.rh[b * d..(b + 1) * d];
                for (((rh, &gr), &xr), &h) in rh.iter_mut().zip(gr.iter()).zip(xr).zip(h) {
                    *rh = sigmoid(xr + gr) * h;
                }
            }
            gemm(m, d, d, &st.rh, &w.w_c, 0.0, &mut st.c);
            for b in 0..m {
                let p = pos(b);
                let xr = x_row(p);
                let xc = &xs[xr * x_stride + x_col + 2 * d..][..d];
                let u = &st.g[b * 2 * d..b * 2 * d + d];
                let c = &st.c[b * d..(b + 1) * d];
                let h = &mut st.h[b * d..(b + 1) * d];
                for (((h, &u), &c), &xc) in h.iter_mut().zip(u).zip(c).zip(xc) {
                    let c = tanh(xc + c);
                    *h = *h - u * *h + u * c;
                }
                out[p * 2 * d + out_col..][..d].copy_from_slice(h);
            }
        }
    }

    /// CRF Viterbi (Paddle `crf_decoding`) over `n` emission rows; writes the best path.
    fn viterbi<'a>(&self, em: impl Fn(usize) -> &'a [f32], n: usize, path: &mut [u16], bufs: &mut ViterbiBufs) {
        let (l, lp) = (self.n_labels, self.n_labels.next_multiple_of(8));
        let ViterbiBufs { alpha, next, track } = bufs;
        // widths padded to lp: padded states score -inf and are never chosen
        alpha.clear();
        alpha.extend(self.start.iter().zip(em(0)).map(|(a, b)| a + b));
        alpha.resize(lp, f32::NEG_INFINITY);
        next.clear();
        next.resize(lp, f32::NEG_INFINITY);
        track.resize(n * lp, 0);
        for k in 1..n {
            let x = em(k);
            let track = &mut track[k * lp..(k + 1) * lp];
            // 8 target states at a time, kept in registers over all source states j
            for (blk, (next, track)) in next.chunks_exact_mut(8).zip(track.chunks_exact_mut(8)).enumerate() {
                let mut best = [f32::NEG_INFINITY; 8];
                let mut arg = [0u32; 8];
                for (j, &a) in alpha[..l].iter().enumerate() {
                    let tr = &self.trans_p[j * lp + blk * 8..][..8];
                    let j = j as u32;
                    // strict '>' over increasing j: the first maximum wins
                    for q in 0..8 {
                        let s = a + tr[q];
                        let m = ((s > best[q]) as u32).wrapping_neg();
                        best[q] = f32::from_bits((s.to_bits() & m) | (best[q].to_bits() & !m));
                        arg[q] = (j & m) | (arg[q] & !m);
                    }
                }
                for q in 0..8 {
                    if let Some(&x) = x.get(blk * 8 + q) {
                        next[q] = best[q] + x;
                    }
                }
                track.copy_from_slice(&arg);
            }
            std::mem::swap(alpha, next);
        }
        let mut top = 0;
        let mut top_s = f32::NEG_INFINITY;
        for (i, (&a, &e)) in alpha[..l].iter().zip(&self.end).enumerate() {
            let s = a + e;
            if s > top_s {
                top_s = s;
                top = i;
            }
        }
        path[n - 1] = top as u16;
        for k in (1..n).rev() {
            top = track[k * lp + top] as usize;
            path[k - 1] = top as u16;
        }
    }
}

/// Buffers of the Viterbi decoder.
#[derive(Default)]
struct ViterbiBufs {
    alpha: Vec<f32>,
    next: Vec<f32>,
    track: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One step of a D = 1 GRU by hand: h0 = 0.5, x = [0.2, -0.1, 0.3],
    /// W_u = 0.4, W_r = -0.6, W_c = 0.8.
    #[test]
    fn gru_step_by_hand() {
        let net = Net {
            e: 1,
            d: 1,
            n_labels: 1,
            emb: vec![],
            w0: vec![],
            b0: vec![],
            w1: vec![],
            b1: vec![],
            gru: std::array::from_fn(|_| Gru { w_ur: vec![0.4, -0.6], w_c: vec![0.8] }),
            out_w: vec![],
            out_b: vec![],
            start: vec![],
            end: vec![],
            trans_p: vec![],
        };
        let mut lay = Layout::default();
        lay.set([2].into_iter());
        // two steps of one sequence; inputs stored 6D = 6 wide, forward in columns 0..3
        let xs = [0.2f32, -0.1, 0.3, 0.0, 0.0, 0.0, 0.2, -0.1, 0.3, 0.0, 0.0, 0.0];
        let mut out = vec![0.0f32; 4];
        let mut st = StepBufs { h: vec![0.0], g: vec![0.0; 2], rh: vec![0.0], c: vec![0.0] };
        net.gru_dir(&net.gru[0], (&xs, |p: usize| p, 0), &lay, false, (&mut out, 0), &mut st);
        // step 1 from h = 0: u = σ(0.2), r = σ(-0.1), c = tanh(0.3), h = u c
        let sig = |x: f64| 1.0 / (1.0 + (-x).exp());
        let h1 = sig(0.2) * 0.3f64.tanh();
        let u = sig(0.2 + 0.4 * h1);
        let r = sig(-0.1 - 0.6 * h1);
        let c = (0.3 + 0.8 * r * h1).tanh();
        let h2 = h1 - u * h1 + u * c;
        assert!((out[0] as f64 - h1).abs() < 1e-6, "{} vs {h1}", out[0]);
        assert!((out[2] as f64 - h2).abs() < 1e-6, "{} vs {h2}", out[2]);
    }

    #[test]
    fn exp_is_close_to_libm() {
        let mut worst = 0.0f64;
        let mut x = -87.0f32;
        while x < 88.0 {
            let (a, b) = (exp(x) as f64, x.exp() as f64);
            worst = worst.max(((a - b) / b).abs());
            x += 0.001_7;
        }
        assert!(worst < 2.5e-7, "worst relative error {worst}");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-1000.0), exp(-87.0));
    }

    #[test]
    fn paddle_activations() {
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-7);
        // clipped at 13 and -40
        assert_eq!(sigmoid(20.0), sigmoid(13.0));
        assert_eq!(sigmoid(-100.0), sigmoid(-40.0));
        assert!((tanh(0.5) - 0.5f32.tanh()).abs() < 1e-6);
        assert_eq!(tanh(-30.0), tanh(-20.0));
    }

    #[test]
    fn layout_packs_time_major() {
        let mut lay = Layout::default();
        lay.set([3, 3, 1].into_iter());
        assert_eq!(lay.active, [3, 2, 2]);
        assert_eq!(lay.off, [0, 3, 5, 7]);
        assert_eq!(lay.rows(), 7);
    }
}
