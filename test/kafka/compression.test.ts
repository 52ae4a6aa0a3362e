import { CompressionTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { toKafkajsCompression } from '../../src/kafka/compression.js';

describe('toKafkajsCompression', () => {
  it('maps the port codecs to kafkajs, none by default', () => {
    expect(toKafkajsCompression(undefined)).toBe(CompressionTypes.None);
    expect(toKafkajsCompression('none')).toBe(CompressionTypes.None);
    expect(toKafkajsCompression('gzip')).toBe(CompressionTypes.GZIP);
  });
  it('refuses a codec it cannot send (kafkajs needs plug-ins for snappy, lz4, zstd)', () => {
    expect(() => toKafkajsCompression('zstd' as never)).toThrow('unsupported compression zstd (none | gzip)');
  });
});
