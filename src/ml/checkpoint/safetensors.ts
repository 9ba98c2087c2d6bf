/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of
 * JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: { string: string } }`
 * (offsets relative to the byte buffer that follows), then the raw little-endian tensor bytes.
 * We write F32 and read F32, F16 and BF16 (widened to F32).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

export interface F32Tensor {
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  /** Header entries by tensor name (metadata excluded). */
  entries: Map<string, SafetensorsEntry>;
  /** Decodes one tensor to F32; throws for dtypes we do not read. */
  get(name: string): F32Tensor;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

export function encodeSafetensors(
  tensors: Map<string, F32Tensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, { shape, data }] of tensors) {
    if (shape.reduce((a, b) => a * b, 1) !== data.length)
      throw new Error(`${name}: shape ${shape} does not match ${data.length} values`);
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(json.length / 8) * 8; // spaces keep the tensor bytes 8-aligned
  json = Buffer.concat([json, Buffer.alloc(padded - json.length, 0x20)]);
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  let at = 8 + padded;
  for (const { data } of tensors.values()) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    out.set(LITTLE_ENDIAN ? bytes : swapBytes(bytes, 4), at);
    at += data.byteLength;
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8) throw new Error('safetensors: file too short');
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.byteLength) throw new Error('safetensors: header length beyond end of file');
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, n).toString('utf8')) as Record<
    string,
    unknown
  >;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const entries = new Map<string, SafetensorsEntry>();
  for (const [name, entry] of Object.entries(header))
    if (name !== '__metadata__') entries.set(name, entry as SafetensorsEntry);
  const base = 8 + n;

  const get = (name: string): F32Tensor => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`safetensors: no tensor named ${name}`);
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = entry;
    const size = BYTES[dtype];
    if (!size) throw new Error(`safetensors: ${name} has dtype ${dtype}; only F32, F16 and BF16 are read`);
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * size || base + end > bytes.byteLength)
      throw new Error(`safetensors: ${name} has bad data_offsets`);
    const raw = bytes.subarray(base + begin, base + end);
    return { shape: [...shape], data: toF32(raw, dtype, count) };
  };
  return { metadata, entries, get };
}

function toF32(raw: Uint8Array, dtype: string, count: number): Float32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (dtype === 'F32') {
    // a byte copy, not getFloat32, so NaN payloads survive and the round trip is bit-exact
    // (and not raw.slice(): on a Buffer that is a view into the whole file)
    const copy = LITTLE_ENDIAN ? new Uint8Array(raw) : swapBytes(raw, 4);
    return new Float32Array(copy.buffer, 0, count);
  }
  const out = new Float32Array(count);
  if (dtype === 'BF16') {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = view.getUint16(2 * i, true) << 16;
  } else {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
  }
  return out;
}

/** IEEE 754 binary16 → number, subnormals, infinities and NaN included. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function swapBytes(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width)
    for (let j = 0; j < width; j++) out[i + j] = bytes[i + width - 1 - j];
  return out;
}

export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  return decodeSafetensors(await readFile(path));
}

/** Writes through a temporary file and a rename, so a crash never leaves a half-written checkpoint. */
export async function writeSafetensors(
  path: string,
  tensors: Map<string, F32Tensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}
