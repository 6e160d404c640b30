/**
 * Prints a 32-hex trace id the way Jaeger does (jaeger-idl model/v1/ids.go): `%016x` of the low
 * half when the high 64 bits are zero, else all 32 characters.
 */
export const toJaegerTraceId = (hex32: string): string => {
  const id = hex32.toLowerCase().padStart(32, '0');
  return id.startsWith('0000000000000000') ? id.slice(16) : id;
};
