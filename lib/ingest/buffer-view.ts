/**
 * The bytes as a Buffer, without copying: a Buffer as it is, any other Uint8Array as a Buffer view
 * of the same memory. The wire readers use Buffer's native methods (utf8 and hex slices, little-endian
 * reads) on what arrives, which is a Buffer from Node's HTTP and gRPC servers but may be a plain
 * Uint8Array from tests and fetch bodies.
 */
export const bufferView = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
