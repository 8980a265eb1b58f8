import { createHash } from 'node:crypto';

/** The RFC 9562 namespace for names that are URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Name-based UUID, version 5 (SHA-1), RFC 9562 section 5.5. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** gradepack's own namespace: every CASE identifier is uuidV5(<framework>/<stable id>, this). */
export const GRADEPACK_NAMESPACE = uuidV5('urn:gradepack:case', URL_NAMESPACE);
