import { decodeSafetensors, encodeSafetensors, F32Tensor, halfToFloat } from './safetensors.js';

/** Builds a file by hand: header JSON, then raw bytes, exactly as the format describes. */
function handMade(header: object, data: Uint8Array): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const u16 = (...xs: number[]) => new Uint8Array(new Uint16Array(xs).buffer);

describe('safetensors', () => {
  it('round-trips F32 bit for bit, NaN payloads, -0, infinities and subnormals included', () => {
    const odd = new Float32Array(
      new Uint32Array([0x7fc00001, 0x80000000, 0x7f800000, 0xff800000, 0x00000001, 0x3f800000]).buffer,
    );
    const tensors = new Map<string, F32Tensor>([
      ['a', { shape: [2, 3], data: odd }],
      ['b.c', { shape: [5], data: Float32Array.from([1.5, -2.25, 3e-39, 1e30, Math.PI]) }],
      ['scalar', { shape: [], data: Float32Array.from([7]) }],
    ]);
    const file = decodeSafetensors(encodeSafetensors(tensors, { format: 'test' }));
    expect(file.metadata).toEqual({ format: 'test' });
    expect([...file.entries.keys()]).toEqual(['a', 'b.c', 'scalar']);
    for (const [name, t] of tensors) {
      const back = file.get(name);
      expect(back.shape).toEqual(t.shape);
      expect(new Uint32Array(back.data.buffer)).toEqual(new Uint32Array(t.data.buffer));
    }
  });

  it('decodes from a Buffer that is a view into a larger allocation (as fs returns)', () => {
    const bytes = encodeSafetensors(new Map([['w', { shape: [3], data: Float32Array.from([1, 2, 3]) }]]));
    const view = Buffer.concat([Buffer.alloc(5, 9), Buffer.from(bytes), Buffer.alloc(7, 9)]).subarray(
      5,
      5 + bytes.length,
    );
    expect(Array.from(decodeSafetensors(view).get('w').data)).toEqual([1, 2, 3]);
  });

  it('writes the documented layout: u64 LE header length, JSON header, 8-aligned data', () => {
    const bytes = encodeSafetensors(new Map([['w', { shape: [2], data: Float32Array.from([1, 2]) }]]));
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString());
    expect(header).toEqual({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    expect(bytes.length).toBe(8 + n + 8);
    expect(new Float32Array(bytes.slice(8 + n).buffer)).toEqual(Float32Array.from([1, 2]));
  });

  it('reads F16 and BF16 as F32', () => {
    const f16 = u16(0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x3555);
    const bf16 = u16(0x3f80, 0x4049, 0xc2f7);
    const file = decodeSafetensors(
      handMade(
        {
          h: { dtype: 'F16', shape: [6], data_offsets: [0, 12] },
          b: { dtype: 'BF16', shape: [3], data_offsets: [12, 18] },
        },
        new Uint8Array([...f16, ...bf16]),
      ),
    );
    expect(Array.from(file.get('h').data)).toEqual([
      1,
      -2,
      65504,
      2 ** -24,
      Infinity,
      Math.fround(halfToFloat(0x3555)),
    ]);
    expect(halfToFloat(0x3555)).toBeCloseTo(1 / 3, 3);
    expect(Array.from(file.get('b').data)).toEqual([1, 3.140625, -123.5]);
  });

  it('rejects dtypes it cannot read only when that tensor is asked for, and bad offsets', () => {
    const file = decodeSafetensors(
      handMade(
        {
          ok: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
          mask: { dtype: 'BOOL', shape: [4], data_offsets: [4, 8] },
          bad: { dtype: 'F32', shape: [2], data_offsets: [0, 4] },
        },
        new Uint8Array(8),
      ),
    );
    expect(file.get('ok').data[0]).toBe(0);
    expect(() => file.get('mask')).toThrow(/BOOL/);
    expect(() => file.get('bad')).toThrow(/data_offsets/);
    expect(() => file.get('nope')).toThrow(/no tensor/);
  });
});
