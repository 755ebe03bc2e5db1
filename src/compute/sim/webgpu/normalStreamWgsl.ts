/** Marks a ziggurat miss in the first pass of fill() (normals are never this large). */
const SENTINEL = '1e30';

/**
 * WGSL of the host's NormalStream (normalStream.ts), for programs that replay a run's draws on the
 * GPU: sfc32 from a seeded state `st`, the 128-layer ziggurat with scalar normal() and the two-pass
 * fill(off, n) into `result` (misses finish after the batch, from the continuing stream), so the
 * numbers equal the host's up to float32 rounding. Needs inputs KTab (int32), WTab, FTab [128] and
 * the uniform `tail`.
 */
export const NORMAL_STREAM_WGSL = `
      var<private> st : vec4<u32>;
      fn nextWord() -> u32 {
        let t = st.x + st.y + st.w;
        st.w = st.w + 1u;
        st.x = st.y ^ (st.y >> 9u);
        st.y = st.z + (st.z << 3u);
        st.z = (st.z << 21u) | (st.z >> 11u);
        st.z = st.z + t;
        return t;
      }
      fn uni() -> f32 { return (f32(nextWord()) + 0.5) * 2.3283064365386963e-10; }
      // Tail or wedge of layer i for abscissa j; y = 0 means rejected.
      fn slowPath(i : u32, j : u32) -> vec2<f32> {
        if (i == 0u) {
          var x = 0.0;
          loop {
            x = -log(uni()) / uniforms.tail;
            let y = -log(uni());
            if (!(y + y < x * x)) { break; }
          }
          return vec2<f32>(uniforms.tail + x, 1.0);
        }
        let x = f32(j) * WTab[i];
        if (FTab[i] + uni() * (FTab[i - 1u] - FTab[i]) < exp(-0.5 * x * x)) { return vec2<f32>(x, 1.0); }
        return vec2<f32>(0.0, 0.0);
      }
      fn signed(x : f32, u : u32) -> f32 { return select(x, -x, (u & 128u) != 0u); }
      fn normal() -> f32 {
        loop {
          let u = nextWord();
          let i = u & 127u;
          let j = u >> 8u;
          if (j < u32(KTab[i])) { return signed(f32(j) * WTab[i], u); }
          let r = slowPath(i, j);
          if (r.y > 0.0) { return signed(r.x, u); }
        }
        return 0.0;
      }
      fn fill(off : i32, n : i32) {
        let start = st;
        var misses = 0;
        for (var k = 0; k < n; k++) {
          let u = nextWord();
          let i = u & 127u;
          let j = u >> 8u;
          if (j < u32(KTab[i])) { result[off + k] = signed(f32(j) * WTab[i], u); }
          else { result[off + k] = ${SENTINEL}; misses++; }
        }
        var live = st;
        st = start;
        for (var k = 0; k < n && misses > 0; k++) {
          let u = nextWord();
          if (result[off + k] == ${SENTINEL}) {
            let replay = st;
            st = live;
            let r = slowPath(u & 127u, u >> 8u);
            var x = 0.0;
            if (r.y > 0.0) { x = signed(r.x, u); } else { x = normal(); }
            result[off + k] = x;
            live = st;
            st = replay;
            misses--;
          }
        }
        st = live;
      }
`;
